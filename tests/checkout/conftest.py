"""Checkout tests count orders from an empty order book; a buyer signed in keeps an address book."""

import pytest
from oscar.core.loading import get_model


@pytest.fixture(autouse=True)
def empty_order_book(db):
    """The demo's orders are removed inside each test's transaction (and come back after it)."""
    get_model("order", "Order").objects.all().delete()


@pytest.fixture
def buyer(client, django_user_model):
    """A buyer signed in on ``client``, in a shop that ships to Vietnam."""
    get_model("address", "Country").objects.get_or_create(
        iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "is_shipping_country": True}
    )
    user = django_user_model.objects.create_user(username="lan", email="lan@example.com", password="pw")
    client.force_login(user)
    return user
