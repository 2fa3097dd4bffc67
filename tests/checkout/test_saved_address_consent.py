"""A buyer saving an address in the account agrees to the shop keeping it; the consent is kept with it."""

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db
UserAddress = get_model("address", "UserAddress")
Country = get_model("address", "Country")

ADDRESS = {"first_name": "Lan", "last_name": "Nguyễn", "line1": "12 Hàng Bông", "line4": "Hà Nội",
           "country": "VN", "phone_number": "0912345678"}


@pytest.fixture
def buyer(client, django_user_model):
    Country.objects.get_or_create(iso_3166_1_a2="VN", defaults={"name": "Việt Nam", "is_shipping_country": True})
    user = django_user_model.objects.create_user(username="lan", email="lan@example.com", password="pw")
    client.force_login(user)
    return user


def test_the_address_form_asks_for_consent_and_saves_nothing_without_it(client, buyer):
    assert 'name="accepts_privacy"' in client.get("/shop/accounts/addresses/add/").content.decode()
    response = client.post("/shop/accounts/addresses/add/", ADDRESS)
    assert response.status_code == 200
    assert "Vui lòng đồng ý với chính sách quyền riêng tư" in response.content.decode()
    assert not UserAddress.objects.filter(user=buyer).exists()


def test_a_saved_address_records_when_the_buyer_agreed(client, buyer):
    before = timezone.now()
    response = client.post("/shop/accounts/addresses/add/", ADDRESS | {"accepts_privacy": "on"})
    assert response.status_code == 302
    address = UserAddress.objects.get(user=buyer)
    assert address.line1 == "12 Hàng Bông"
    assert before <= address.privacy_consent_at <= timezone.now()


def test_english_buyers_read_the_consent_in_english(client, buyer):
    html = client.get("/en/shop/accounts/addresses/add/").content.decode()
    assert "I agree that the shop keeps this address" in html
