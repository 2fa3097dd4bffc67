"""E-mails: the customer hears of every step in their language; co-ops hear of paid orders."""

from urllib.parse import urlsplit

import pytest
from django.core import mail

from fulfilment.models import Carrier
from fulfilment.services import (
    change_order_status,
    ensure_fulfilment_groups,
    notify_coop_order_paid,
    remember_order_language,
    ship_group,
)
from orders.links import order_from_token
from orders.statuses import OrderStatus
from tests.factories import CoopFactory, ProducerFactory
from tests.fulfilment_orders import paid_order, place_order, product

pytestmark = pytest.mark.django_db


def test_each_step_mails_the_customer_in_vietnamese_by_default(django_capture_on_commit_callbacks):
    order = place_order(product(), email="lan@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        change_order_status(order=order, to=OrderStatus.PAID, by=None)
    to_customer = [m for m in mail.outbox if m.to == ["lan@example.com"]]
    assert len(to_customer) == 1
    assert order.number in to_customer[0].subject
    assert "Đã thanh toán" in to_customer[0].subject or "Paid" in to_customer[0].subject
    assert "/track/" in to_customer[0].body and "/en/track/" not in to_customer[0].body


def test_the_mail_link_opens_the_tracking_page_of_that_order(client, django_capture_on_commit_callbacks):
    order = place_order(product(), email="lan@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        change_order_status(order=order, to=OrderStatus.PAID, by=None)
    link = next(word for word in mail.outbox[-1].body.split() if "/track/" in word)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert order_from_token(token) == order
    response = client.get(urlsplit(link).path)
    assert response.status_code == 200
    assert order.number in response.content.decode()


def test_a_customer_who_ordered_in_english_is_written_to_in_english(django_capture_on_commit_callbacks):
    order = place_order(product(), email="anna@example.com")
    remember_order_language(order=order, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        change_order_status(order=order, to=OrderStatus.PAID, by=None)
    message = next(m for m in mail.outbox if m.to == ["anna@example.com"])
    assert "Paid" in message.subject
    assert "/en/track/" in message.body


def test_an_unsupported_language_is_refused():
    order = place_order(product())
    with pytest.raises(ValueError):
        remember_order_language(order=order, language="fr")


def test_nothing_is_sent_when_the_change_rolls_back(django_capture_on_commit_callbacks):
    order = place_order(product(), email="lan@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change_order_status(order=order, to=OrderStatus.PAID, by=None)
    assert callbacks and not mail.outbox


def test_a_shipped_parcel_is_announced_with_its_tracking_number(django_capture_on_commit_callbacks):
    order = paid_order(product(), product(), email="lan@example.com")
    first, _second = ensure_fulfilment_groups(order=order)
    with django_capture_on_commit_callbacks(execute=True):
        ship_group(group=first, carrier=Carrier.GHN, tracking_number="GHN123VN", by=None)
    bodies = [m.body for m in mail.outbox if m.to == ["lan@example.com"]]
    assert any("GHN123VN" in body for body in bodies)


def test_co_op_users_hear_of_a_paid_order_with_only_their_lines(
    django_capture_on_commit_callbacks, django_user_model
):
    tea_coop, honey_coop = CoopFactory(email=""), CoopFactory(email="htx@example.com")
    tea_user = django_user_model.objects.create_user(username="t", email="tea@example.com")
    tea_coop.users.add(tea_user)
    tea = product(title="Chè búp thử", producer=ProducerFactory(coop=tea_coop))
    honey = product(title="Mật ong thử", producer=ProducerFactory(coop=honey_coop))
    order = place_order(tea, honey)
    with django_capture_on_commit_callbacks(execute=True):
        change_order_status(order=order, to=OrderStatus.PAID, by=None)
    to_tea = next(m for m in mail.outbox if m.to == ["tea@example.com"])
    to_honey = next(m for m in mail.outbox if m.to == ["htx@example.com"])
    assert "Chè búp thử" in to_tea.body and "Mật ong thử" not in to_tea.body
    assert "Mật ong thử" in to_honey.body and "Chè búp thử" not in to_honey.body
    assert order.number in to_tea.subject


def test_payments_can_notify_the_co_ops_directly(django_capture_on_commit_callbacks, django_user_model):
    coop = CoopFactory(email="htx@example.com")
    order = place_order(product(producer=ProducerFactory(coop=coop)))
    with django_capture_on_commit_callbacks(execute=True):
        notify_coop_order_paid(order=order)
    assert [m.to for m in mail.outbox] == [["htx@example.com"]]
