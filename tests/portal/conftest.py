"""Two producers with a user each, products with photos and a shared order, for the portal's tests."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image

from portal import services
from tests.checkout_support import basket_with, pay_by_bank, place
from tests.factories import ProducerFactory

Category = get_model("catalogue", "Category")
ProductClass = get_model("catalogue", "ProductClass")


def jpeg_bytes(size=(120, 80), color=(40, 120, 60)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG")
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _producer_with_user(email: str):
    producer = ProducerFactory()
    user = get_user_model().objects.create_user(username=email, email=email, password="pass-2026-portal")
    producer.users.add(user)
    return producer, user


@pytest.fixture
def tea_class(db):
    product_class, _ = ProductClass.objects.get_or_create(
        slug="tea", defaults={"name": "Chè", "track_stock": True}
    )
    return product_class


@pytest.fixture
def side(db, tea_class, demo_world):
    """Builds one producer's world: user, a product with a photo and price, a claim."""

    def build(email: str):
        producer, user = _producer_with_user(email)
        product = services.product_save(
            producer=producer,
            product_class=tea_class,
            title=f"Chè của {email}",
            description="Chè ngon",
            price=200000,
            stock=3,
            stars_claimed=4,
            certificates="OCOP 2025",
            category=Category.objects.get(name_vi="Chè búp"),
        )
        receipt, _ = services.photo_add(
            product=product, upload=upload(jpeg_bytes()), idempotency_key=f"k-{email}"
        )
        return {"producer": producer, "user": user, "product": product, "photo": receipt.image}

    return build


@pytest.fixture
def producer_a(side):
    return side("a@producer.test")


@pytest.fixture
def producer_b(side):
    return side("b@producer.test")


@pytest.fixture
def shared_order(producer_a, producer_b):
    """One customer order holding a line of A's product and a line of B's product, paid."""
    basket = basket_with((producer_a["product"], 1), (producer_b["product"], 2))
    order = place(basket).order
    pay_by_bank(order)
    return order


@pytest.fixture
def client_a(client, producer_a):
    client.force_login(producer_a["user"])
    return client


@pytest.fixture(autouse=True)
def in_english():
    """The portal's tests read its messages in English: URLs reversed here carry the /en/ prefix."""
    with translation.override("en"):
        yield
