"""Order messages on Zalo (ZNS) through the stand-in: placed, paid (by the bank webhook's path),
shipped with its tracking number and delivered go to the buyer's phone instead of e-mail when
the buyer said yes to Zalo at checkout (without it, e-mail); a Zalo error or an unreachable Zalo
falls back to e-mail; the buyer can opt out on the order page; co-ops get new paid orders on
their Zalo phone; the token is refreshed once on -124 and the new refresh token kept."""

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_class

from fulfilment.models import Carrier
from fulfilment.services import group_of, ship_group
from orders.links import order_from_token, order_token
from orders.statuses import OrderStatus
from tests.checkout_support import pay_by_bank
from tests.fulfilment_orders import place_order, product
from tests.zalo_server import FIRST_REFRESH_TOKEN, zalo_server  # noqa: F401  (fixture)
from zalo import tokens
from zalo.models import OAToken, ZnsMessage, ZnsTemplate

EventHandler = get_class("order.processing", "EventHandler")
pytestmark = pytest.mark.django_db

PARAMETERS = {"customer_name": "customer_name", "order_code": "order_number", "status": "status_label",
              "tracking": "tracking_number", "carrier": "carrier", "total": "order_total"}


@pytest.fixture
def zns_templates():
    for number, event in enumerate(ZnsTemplate.Event.values, start=1):
        ZnsTemplate.objects.create(event=event, template_id=f"30{number}", parameters=PARAMETERS)


def buyer_mail(address="khach@example.com") -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_order_life_messages_go_to_the_buyers_zalo_not_email(
    zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order(product(), on_zalo=True)
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    line = order.lines.first()
    with django_capture_on_commit_callbacks(execute=True):
        ship_group(group=group_of(order=order, producer=line.partner), carrier=Carrier.GHN,
                   tracking_number="GHN7788VN", by=None)
    with django_capture_on_commit_callbacks(execute=True):
        EventHandler().handle_order_status_change(order, OrderStatus.DELIVERED)

    sent = zalo_server.messages
    assert [m["template_id"] for m in sent] == ["301", "302", "303", "304"]  # placed, paid, shipped, delivered
    assert {m["phone"] for m in sent} == {"84912345678"}
    assert all(m["template_data"]["order_code"] == order.number for m in sent)
    assert sent[0]["template_data"]["customer_name"] == "Lan Nguyễn Thị"
    assert sent[0]["template_data"]["total"] == f"{int(order.total_incl_tax):,}".replace(",", ".")
    assert sent[1]["template_data"]["status"] == "Đã thanh toán"
    assert sent[2]["template_data"]["tracking"] == "GHN7788VN"
    assert buyer_mail() == []
    log = list(order.zns_messages.order_by("pk"))
    assert [m.event for m in log] == ["placed", "paid", "shipped", "delivered"]
    assert all(m.status == ZnsMessage.Status.SENT and m.msg_id for m in log)
    assert all(event.is_sent for event in order.communication_events.all())


def test_a_stale_token_gets_minus_124_then_one_refresh_and_the_new_refresh_token_is_stored(
    zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    from datetime import timedelta

    from django.utils import timezone

    OAToken.objects.create(access_token=tokens.seal("at-left-from-yesterday"),
                           access_expires_at=timezone.now() + timedelta(hours=5))
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order(product(), on_zalo=True)
    assert zalo_server.rejected_tokens == ["at-left-from-yesterday"]
    assert zalo_server.refreshes == [FIRST_REFRESH_TOKEN]
    assert order.zns_messages.get().status == ZnsMessage.Status.SENT
    row = OAToken.objects.get()
    assert tokens.unseal(row.refresh_token) == "rt-1" and "rt-1" not in row.refresh_token

    zalo_server.retire_access_tokens()
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    # The second refresh spent the refresh token the first one returned, not the environment's.
    assert zalo_server.refreshes == [FIRST_REFRESH_TOKEN, "rt-1"]
    assert tokens.unseal(OAToken.objects.get().refresh_token) == "rt-2"
    assert len(zalo_server.messages) == 2 and buyer_mail() == []


def test_a_zalo_error_is_logged_with_its_code_and_the_email_goes_instead(
    zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    order = place_order(product(), on_zalo=True)
    zalo_server.refuse_next = (-1137, "User blocked ZNS messages from this OA")
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    failed = order.zns_messages.get(event="paid")
    assert failed.status == ZnsMessage.Status.FAILED and failed.error_code == -1137
    (paid_mail,) = buyer_mail()
    assert "Đã thanh toán" in paid_mail.subject


def test_an_unreachable_zalo_never_blocks_the_order_and_the_email_goes(
    zalo_server, zns_templates, settings, django_capture_on_commit_callbacks  # noqa: F811
):
    settings.ZALO_OAUTH_URL = "http://127.0.0.1:9/v4/oa/access_token"
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order(product(), on_zalo=True)
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.zns_messages.get().status == ZnsMessage.Status.FAILED
    assert len(buyer_mail()) == 1 and order.communication_events.get().is_sent


def test_the_buyer_opts_out_on_the_order_page_and_gets_email_only(
    client, zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    order = place_order(product(), on_zalo=True)
    page = reverse("payments:order", kwargs={"token": order_token(order)})
    assert 'name="zalo" value="off"' in client.get(page).content.decode()
    response = client.post(reverse("zalo:order-choice", args=[order_token(order)]), {"zalo": "off"})
    back_to = response["Location"].rstrip("/").rsplit("/", 1)[-1]  # a fresh signed link to the same order
    assert response.status_code == 302 and order_from_token(back_to) == order
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    assert zalo_server.messages == [] and not order.zns_messages.exists()
    assert len(buyer_mail()) == 1
    assert 'name="zalo" value="on"' in client.get(page).content.decode()


def test_without_the_buyers_yes_every_message_goes_by_email(
    zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order(product())
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    assert [m for m in zalo_server.messages if m["phone"] == "84912345678"] == []
    assert len(buyer_mail()) == 2 and not order.zns_messages.filter(event__in=["placed", "paid"]).exists()


def test_without_a_template_for_the_message_it_goes_by_email(
    zalo_server, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):
        place_order(product(), on_zalo=True)
    assert zalo_server.messages == [] and len(buyer_mail()) == 1


def test_the_coop_gets_a_new_paid_order_on_its_zalo_phone_once_and_its_emails_still(
    zalo_server, zns_templates, django_capture_on_commit_callbacks  # noqa: F811
):
    item = product()
    coop = item.producer.coop
    coop.email, coop.zalo_phone = "htx@example.com", "0987654321"
    coop.save()
    order = place_order(item)  # the buyer left Zalo unticked; the co-op still gets its message
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    to_coop = [m for m in zalo_server.messages if m["phone"] == "84987654321"]
    assert len(to_coop) == 1 and to_coop[0]["template_id"] == "305"
    assert len([m for m in mail.outbox if m.to == ["htx@example.com"]]) == 1
