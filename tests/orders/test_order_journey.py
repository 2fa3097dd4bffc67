"""An order's whole life on PostgreSQL, as each person sees it: a guest checks out, the bank says the
money arrived, the dashboard, the co-op and the producer all see the order and its line paid, the
producer packs, the co-op ships with a tracking number, and the buyer follows every step on the
tracking page and in the e-mails of the order's communication log — in Vietnamese, or in English
for a buyer who shopped in English."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from orders.links import order_from_token
from orders.statuses import OrderStatus

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]
Product = get_model("catalogue", "Product")
S = OrderStatus

TEA_UPC = "8930000000019"  # Cơ sở chè Đồng Tâm, a member of HTX chè Đội Cù Vân
COOP, COOP_USER, PRODUCER_USER = "htx-che-doi-cu-van", "cuvan@ocop.localhost", "dongtam@ocop.localhost"
WORDS = {
    "vi": {"paid": "Đã thanh toán", "packing": "Đang đóng gói", "shipped": "Đã gửi hàng", "received": "chờ thanh toán"},
    "en": {"paid": "Paid", "packing": "Packing", "shipped": "Shipped", "received": "awaiting payment"},
}


def as_user(email: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client


def guest_checkout(client: Client, language: str, tea) -> str:
    """The storefront's own steps; returns the address of the order's payment page."""
    with translation.override(language):
        client.post(reverse("basket:add", kwargs={"pk": tea.pk}), {"quantity": 1})
        client.post(reverse("checkout:index"), {"username": f"buyer-{language}@example.com", "options": "anonymous"})
        client.post(reverse("checkout:shipping-address"), {
            "first_name": "Lan", "last_name": "Nguyễn", "country": "VN", "province": 1, "ward": 70,
            "line1": "12 Hàng Bông", "phone_number": "0912 345 678", "accepts_privacy": "on",
        })
        client.post(reverse("checkout:shipping-method"), {"method_code": "domestic-north"})
        client.post(reverse("checkout:payment-method"), {"method": "vietqr"})
        placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302 and "/payments/order/" in placed["Location"], placed
    return placed["Location"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_order_from_checkout_to_the_door(demo_world, settings, language, django_capture_on_commit_callbacks):
    settings.BANK_WEBHOOK_KEY = "journey-key"
    tea = Product.objects.get(upc=TEA_UPC)
    buyer = Client()
    with django_capture_on_commit_callbacks(execute=True):
        order_page = guest_checkout(buyer, language, tea)
    order = order_from_token(order_page.rstrip("/").rsplit("/", 1)[-1])
    assert order.language == language and order.lines.get().trace_lot.lot.published_at

    with django_capture_on_commit_callbacks(execute=True):
        notified = Client().post(
            "/payments/bank/webhook/", content_type="application/json", HTTP_AUTHORIZATION="Apikey journey-key",
            data=json.dumps({
                "id": f"journey-{language}", "gateway": "Vietcombank", "transactionDate": "2026-12-01 09:00:00",
                "accountNumber": "1023456789", "content": f"MBVCB.77.{order.number}.CT", "transferType": "in",
                "transferAmount": order.payment.amount, "referenceCode": f"FT-{language}",
            }),
        )
    assert notified.json() == {"success": True, "outcome": "matched"}
    order.refresh_from_db()
    line = order.lines.get()
    assert (order.status, line.status) == (S.PAID, S.PAID)

    staff = get_user_model().objects.filter(is_staff=True, is_superuser=True).first()
    dashboard = Client()
    dashboard.force_login(staff)
    detail = dashboard.get(reverse("dashboard:order-detail", args=[order.number])).content.decode()
    assert re.search(r"<td>\s*paid\s*</td>", detail)  # the order's status and its line's, as Oscar shows them
    assert len(re.findall(r"<td>\s*paid\s*</td>", detail)) >= 2
    assert 'data-status-to="paid"' in detail and 'data-message="ORDER_STATUS_CHANGED"' in detail
    coop = as_user(COOP_USER)
    coop_page = coop.get(reverse("coops:order-detail", args=[COOP, order.number])).content.decode()
    assert 'data-order-status>Đã thanh toán' in coop_page and 'data-line-status="paid"' in coop_page
    producer = as_user(PRODUCER_USER)
    portal_page = producer.get(reverse("portal:order-detail", args=[order.number])).content.decode()
    assert 'data-line-status="paid"' in portal_page
    assert reverse("portal:line-packed", args=[line.pk]) in portal_page

    with django_capture_on_commit_callbacks(execute=True):
        producer.post(reverse("portal:line-packed", args=[line.pk]))
    line.refresh_from_db()
    order.refresh_from_db()
    assert (order.status, line.status) == (S.PACKING, S.PACKING)
    assert 'data-line-status="packing"' in coop.get(
        reverse("coops:order-detail", args=[COOP, order.number])
    ).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        shipped = coop.post(
            reverse("coops:parcel-ship", args=[COOP, order.number, tea.producer_id]),
            {"carrier": "viettel-post", "tracking_number": f"VTP-JOURNEY-{language.upper()}"},
        )
    assert shipped.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.lines.get().status) == (S.SHIPPED, S.SHIPPED)

    words = WORDS[language]
    with translation.override(language):
        tracking = buyer.get(reverse("fulfilment:track", args=[order_page.rstrip("/").rsplit("/", 1)[-1]]))
    html = tracking.content.decode()
    assert tracking.status_code == 200 and f"VTP-JOURNEY-{language.upper()}" in html
    assert all(words[step] in html for step in ("paid", "packing", "shipped"))

    log = list(order.communication_events.filter(recipient=order.email).order_by("pk"))
    assert [(event.event_type.code, event.context.get("status")) for event in log] == [
        ("ORDER_RECEIVED", None), ("ORDER_STATUS_CHANGED", "paid"), ("ORDER_STATUS_CHANGED", "packing"),
        ("ORDER_STATUS_CHANGED", "shipped"),
    ]
    assert all(event.is_sent for event in log)
    to_buyer = [message for message in mail.outbox if message.to == [order.email]]
    assert len(to_buyer) == 4
    received, paid, packing, shipped_mail = to_buyer
    assert words["received"] in received.subject
    assert words["paid"] in paid.subject and words["packing"] in packing.subject
    assert words["shipped"] in shipped_mail.subject and f"VTP-JOURNEY-{language.upper()}" in shipped_mail.body
    tracking_prefix = "/en/track/" if language == "en" else "/track/"
    assert tracking_prefix in shipped_mail.body
    coop_mail = [message for message in mail.outbox if COOP_USER in message.to]
    assert len(coop_mail) == 1 and order.number in coop_mail[0].subject
