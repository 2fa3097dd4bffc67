"""A producer of a co-op with a product and a draft lot, another producer, and the co-op's reviewer."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from portal import services as portal_services
from tests.factories import CoopFactory, ProducerFactory, ProductFactory
from tests.traceability.conftest import build_lot, gtin13

ProductClass = get_model("catalogue", "ProductClass")


def _user(name: str):
    return get_user_model().objects.create_user(name, f"{name}@example.vn", "mat-khau-2026")


@pytest.fixture
def market(db):
    coop = CoopFactory()
    producer, other = ProducerFactory(coop=coop), ProducerFactory()
    owner, stranger, reviewer = _user("ho-chè"), _user("ho-khac"), _user("htx-duyet")
    producer.users.add(owner)
    other.users.add(stranger)
    coop.users.add(reviewer)
    tea, _ = ProductClass.objects.get_or_create(slug="tea", defaults={"name": "Chè", "track_stock": True})
    product = portal_services.product_save(
        producer=producer, product_class=tea, title="Chè búp", description="", price=150000, stock=5,
    )
    lot = build_lot(
        product=ProductFactory(upc=gtin13(), producer=producer, categories=None), code="SEC-1", publish=False
    )
    return {
        "coop": coop, "producer": producer, "owner": owner, "stranger": stranger, "reviewer": reviewer,
        "product": product, "lot": lot,
    }
