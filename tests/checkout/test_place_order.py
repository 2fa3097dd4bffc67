"""Placing an order: pending payment, guarded stock allocation, unguessable numbers, one order per basket."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from checkout.services import UnableToPlaceOrder
from orders.statuses import OrderStatus
from payments.models import Payment
from tests.checkout_support import basket_with, place, stocked_product

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")


def stock_of(product):
    record = product.stockrecords.get()
    return record.num_in_stock, record.num_allocated


def test_order_waits_for_payment_with_stock_allocated(django_capture_on_commit_callbacks):
    tea, honey = stocked_product(stock=5), stocked_product(stock=3, price=180000)
    basket = basket_with((tea, 2), (honey, 1))
    with django_capture_on_commit_callbacks(execute=True):
        placed = place(basket)
    order = placed.order
    assert placed.created
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert order.payment.state == Payment.State.PENDING
    assert order.payment.amount == 2 * 250000 + 180000 == int(order.total_incl_tax)
    assert stock_of(tea) == (5, 2) and stock_of(honey) == (3, 1)
    assert Basket.objects.get(pk=basket.pk).status == Basket.SUBMITTED
    assert len(mail.outbox) == 1 and order.number in mail.outbox[0].subject
    assert order.payment.reference in mail.outbox[0].body


def test_order_numbers_are_short_random_references_not_basket_ids():
    numbers = [place(basket_with((stocked_product(stock=5), 1))).order.number for _ in range(5)]
    assert all(re.fullmatch(r"OC[A-HJ-NP-Z2-9]{8}", number) for number in numbers)
    assert len(set(numbers)) == 5
    assert not any(str(100000 + basket.pk) in numbers for basket in Basket.objects.all())


def test_sold_out_places_nothing_and_leaves_the_basket_open():
    jar = stocked_product(stock=1)
    place(basket_with((jar, 1)))
    late = basket_with((jar, 1))
    with pytest.raises(UnableToPlaceOrder):
        place(late)
    assert Order.objects.count() == 1 and Payment.objects.count() == 1
    assert stock_of(jar) == (1, 1)
    assert Basket.objects.get(pk=late.pk).status == Basket.OPEN


def test_partially_available_basket_rolls_back_every_allocation():
    plenty, scarce = stocked_product(stock=10), stocked_product(stock=1)
    basket = basket_with((plenty, 3), (scarce, 2))
    with pytest.raises(UnableToPlaceOrder):
        place(basket)
    assert stock_of(plenty) == (10, 0) and stock_of(scarce) == (1, 0)
    assert Basket.objects.get(pk=basket.pk).status == Basket.OPEN


def test_submitting_the_same_basket_again_returns_the_first_order():
    jar = stocked_product(stock=5)
    basket = basket_with((jar, 1))
    first = place(basket)
    again = place(Basket.objects.get(pk=basket.pk))
    assert not again.created and again.order.pk == first.order.pk
    assert Order.objects.count() == 1 and stock_of(jar) == (5, 1)


def test_expiry_releases_stock_and_tells_the_buyer(django_capture_on_commit_callbacks):
    jar = stocked_product(stock=2)
    old = place(basket_with((jar, 2))).order
    fresh = place(basket_with((stocked_product(stock=1), 1))).order
    Payment.objects.filter(order=old).update(created=timezone.now() - timedelta(hours=25))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_unpaid_orders", stdout=open("/dev/null", "w"))
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == OrderStatus.EXPIRED and old.payment.state == Payment.State.EXPIRED
    assert fresh.status == OrderStatus.PENDING_PAYMENT
    assert stock_of(jar) == (2, 0)
    assert [m.to for m in mail.outbox] == [[old.email]]
    # the freed units can be bought again
    assert place(basket_with((jar, 2))).created


def test_expiry_time_is_configurable(settings):
    settings.PAYMENT_EXPIRY_MINUTES = 30
    order = place(basket_with((stocked_product(stock=1), 1))).order
    Payment.objects.filter(order=order).update(created=timezone.now() - timedelta(minutes=31))
    from payments.services import expire_unpaid_orders

    assert expire_unpaid_orders() == [order.number]


def test_account_holders_orders_belong_to_them():
    from oscar.test.factories import UserFactory

    from checkout.services import place_pending_order
    from tests.checkout_support import Free, OrderTotalCalculator, ShippingAddress, vietnam

    user = UserFactory(email="mai@example.com")
    basket = basket_with((stocked_product(stock=2), 1))
    charge = Free().calculate(basket)
    placed = place_pending_order(
        basket=basket, user=user, email=user.email, payment_method="stripe",
        shipping_address=ShippingAddress(first_name="Mai", last_name="Lê", line1="1 Lê Lợi", line4="Huế",
                                         state="Thành phố Huế", country=vietnam()),
        shipping_method=Free(), shipping_charge=charge,
        order_total=OrderTotalCalculator().calculate(basket, charge),
    )
    assert placed.order.user == user and placed.order.guest_email == ""
    assert placed.order.email == "mai@example.com" and placed.order.payment.method == "stripe"


def test_a_disabled_payment_method_cannot_be_used(settings):
    settings.PAYMENT_METHODS = ["vietqr"]
    with pytest.raises(KeyError):
        place(basket_with((stocked_product(stock=2), 1)), method="stripe")
    assert not Order.objects.exists()


def test_an_empty_basket_is_refused_with_a_reason():
    with pytest.raises(UnableToPlaceOrder):
        place(basket_with())
    assert not Order.objects.exists()
