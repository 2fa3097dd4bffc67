"""Two co-ops, each with a user, a producer, a product and a paid order; one mixed order of both."""

from dataclasses import dataclass

import pytest

from tests.factories import CoopFactory, ProducerFactory
from tests.fulfilment_orders import paid_order, product


@dataclass
class CoopSide:
    coop: object
    user: object
    producer: object
    product: object
    order: object


def _side(django_user_model, name: str) -> CoopSide:
    coop = CoopFactory(email="")
    user = django_user_model.objects.create_user(username=f"{name}@example.com", email=f"{name}@example.com",
                                                 password="pw-" + name)
    coop.users.add(user)
    producer = ProducerFactory(coop=coop, name=f"Hộ {name}")
    item = product(producer=producer, title=f"Sản phẩm {name}")
    order = paid_order(item, email=f"khach-{name}@example.com", first_name=name.title())
    return CoopSide(coop=coop, user=user, producer=producer, product=item, order=order)


@pytest.fixture
def ours(db, django_user_model):
    return _side(django_user_model, "tea")


@pytest.fixture
def theirs(db, django_user_model):
    return _side(django_user_model, "honey")


@pytest.fixture
def mixed_order(ours, theirs):
    """An order holding one product of each co-op."""
    return paid_order(ours.product, theirs.product, email="mixed@example.com")


@pytest.fixture
def our_client(client, ours):
    client.force_login(ours.user)
    return client
