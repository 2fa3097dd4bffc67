"""Messages about an order: logged in Oscar's communication log with the change, sent after commit
in the buyer's language, editable as Oscar communication event types; a refusing mail server
never undoes a change."""

import io
import logging
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from fulfilment.models import Carrier
from fulfilment.services import ensure_fulfilment_groups, ship_group
from orders.links import order_from_token
from orders.statuses import OrderStatus
from tests.checkout_support import pay_by_bank
from tests.factories import CoopFactory, ProducerFactory
from tests.fulfilment_orders import paid_order, place_order, product
from tests.smtp_server import smtp_server  # noqa: F401  (fixture)

CommunicationEventType = get_model("communication", "CommunicationEventType")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db


def to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def test_placing_and_paying_log_and_send_a_message_each_in_vietnamese(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        order = place_order(product(), email="lan@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    received, paid = to("lan@example.com")
    assert order.number in received.subject and "thanh toán" in received.subject.lower()
    assert order.payment.reference in received.body
    assert "Đã thanh toán" in paid.subject and "/track/" in paid.body and "/en/track/" not in paid.body
    log = order.communication_events.order_by("pk")
    assert [event.event_type.code for event in log] == ["ORDER_RECEIVED", "ORDER_STATUS_CHANGED"]
    assert all(event.is_sent and event.recipient == "lan@example.com" for event in log)


def test_the_mail_link_opens_the_tracking_page_of_that_order(client, django_capture_on_commit_callbacks):
    order = place_order(product(), email="lan@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    link = next(word for word in to("lan@example.com")[-1].body.split() if "/track/" in word)
    assert order_from_token(link.rstrip("/").rsplit("/", 1)[-1]) == order
    response = client.get(urlsplit(link).path)
    assert response.status_code == 200 and order.number in response.content.decode()


def test_a_customer_who_ordered_in_english_is_written_to_in_english(django_capture_on_commit_callbacks):
    order = place_order(product(), email="anna@example.com", language="en")
    assert order.language == "en"
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    (message,) = to("anna@example.com")
    assert "Paid" in message.subject and "/en/track/" in message.body


def test_staff_edit_a_message_in_the_dashboards_event_type(django_capture_on_commit_callbacks):
    CommunicationEventType.objects.filter(code="ORDER_STATUS_CHANGED").update(
        email_subject_template="{{ order.number }} — {{ status_label }} (HTX)"
    )
    order = place_order(product(), email="lan@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    assert to("lan@example.com")[-1].subject == f"{order.number} — Đã thanh toán (HTX)"


def test_nothing_is_sent_before_the_change_commits(django_capture_on_commit_callbacks):
    order = place_order(product(), email="lan@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pay_by_bank(order)
    assert callbacks and not to("lan@example.com")
    assert not order.communication_events.filter(sent_at__isnull=False).exists()


def test_a_shipped_parcel_is_announced_with_its_tracking_number(django_capture_on_commit_callbacks):
    order = paid_order(product(), product(), email="lan@example.com")
    first, _second = ensure_fulfilment_groups(order=order)
    with django_capture_on_commit_callbacks(execute=True):
        ship_group(group=first, carrier=Carrier.GHN, tracking_number="GHN123VN", by=None)
    (message,) = to("lan@example.com")
    assert "GHN123VN" in message.body and first.producer.name in message.body
    assert order.communication_events.filter(event_type__code="PARCEL_SHIPPED").get().is_sent


def test_co_op_users_hear_of_a_paid_order_with_only_their_lines(
    django_capture_on_commit_callbacks, django_user_model
):
    tea_coop, honey_coop = CoopFactory(email=""), CoopFactory(email="htx@example.com")
    tea_coop.users.add(django_user_model.objects.create_user(username="t", email="tea@example.com"))
    tea = product(title="Chè búp thử", producer=ProducerFactory(coop=tea_coop))
    honey = product(title="Mật ong thử", producer=ProducerFactory(coop=honey_coop))
    order = place_order(tea, honey, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        pay_by_bank(order)
    (to_tea,) = to("tea@example.com")
    (to_honey,) = to("htx@example.com")
    assert "Chè búp thử" in to_tea.body and "Mật ong thử" not in to_tea.body
    assert "Mật ong thử" in to_honey.body and "Chè búp thử" not in to_honey.body
    assert order.number in to_tea.subject and "chuẩn bị" in to_tea.subject  # co-ops read Vietnamese


def test_a_refusing_mail_server_never_undoes_the_change_and_the_message_is_retried(
    client, django_user_model, smtp_server, caplog, django_capture_on_commit_callbacks  # noqa: F811
):
    coop = CoopFactory(email="")
    clerk = django_user_model.objects.create_user(username="htx", email="", password="pw-htx")
    coop.users.add(clerk)
    item = product(producer=ProducerFactory(coop=coop))
    smtp_server.refusing = False
    order = paid_order(item, email="lan@example.com")
    smtp_server.refusing = True
    client.force_login(clerk)
    url = reverse("coops:parcel-ship", args=[coop.slug, order.number, item.producer.pk])
    with caplog.at_level(logging.WARNING, logger="orders.notifications"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"carrier": "ghn", "tracking_number": "GHN777VN"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    told = order.communication_events.get(event_type__code="ORDER_STATUS_CHANGED", context__status="shipped")
    assert not told.is_sent and told.attempts == 1 and "554" in told.last_error
    assert smtp_server.refusals >= 1 and "will retry" in caplog.text

    smtp_server.refusing = False
    call_command("send_order_messages", "--older-than-minutes=0", stdout=io.StringIO())
    told.refresh_from_db()
    assert told.is_sent and told.attempts == 2
    delivered = [m for m in smtp_server.received if "GHN777VN" in m.get_body().get_content()]
    assert delivered and delivered[0]["To"] == "lan@example.com"
