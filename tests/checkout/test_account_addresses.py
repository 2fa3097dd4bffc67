"""The account's address book asks for a Vietnamese address as the checkout does: province, then
commune/ward, house and street, a mobile; it checks and stores it the same way and shows it again."""

import pytest
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db
UserAddress = get_model("address", "UserAddress")

HANOI, HOAN_KIEM = 1, 70
THAI_NGUYEN, AN_KHANH = 19, 5809
ADD = "/shop/accounts/addresses/add/"


def address(**overrides):
    return {"first_name": "Lan", "last_name": "Nguyễn", "country": "VN", "province": THAI_NGUYEN,
            "ward": AN_KHANH, "line1": "Xóm Cù Vân 3", "phone_number": "0912 345 678",
            "accepts_privacy": "on"} | overrides


def test_the_form_asks_for_province_and_ward_in_vietnamese_with_the_ward_list_following(client, buyer):
    html = client.get(ADD).content.decode()
    for label in ("Tỉnh / thành phố", "Xã / phường", "Số nhà, đường phố, thôn xóm"):
        assert label in html
    assert html.index('name="province"') < html.index('name="ward"') < html.index('name="line1"')
    assert '<option value="19">Thái Nguyên</option>' in html
    assert 'document.getElementById("id_ward")' in html and "/shop/checkout/wards/" in html


def test_the_english_form_asks_for_province_and_ward_in_english(client, buyer):
    html = client.get("/en" + ADD).content.decode()
    assert "Province / city" in html and "Commune / ward" in html and "House number, street, village" in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_vietnamese_address_is_saved_with_its_ward_and_province(client, buyer, prefix):
    response = client.post(prefix + ADD, address())
    assert response.status_code == 302
    saved = UserAddress.objects.get(user=buyer)
    assert (saved.line1, saved.line4, saved.state) == ("Xóm Cù Vân 3", "Xã An Khánh", "Thái Nguyên")
    assert str(saved.phone_number) == "+84912345678" and saved.privacy_consent_at is not None


def test_a_ward_outside_the_province_is_refused_with_a_clear_message(client, buyer):
    response = client.post(ADD, address(province=HANOI, ward=AN_KHANH))
    assert response.status_code == 200
    assert "Xã hoặc phường này không thuộc tỉnh đã chọn." in response.content.decode()
    english = client.post("/en" + ADD, address(province=HANOI, ward=AN_KHANH))
    assert "This commune or ward is not in the chosen province." in english.content.decode()
    assert not UserAddress.objects.filter(user=buyer).exists()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"province": ""}, "province"),
    ({"ward": ""}, "ward"),
    ({"phone_number": "0212345678"}, "phone_number"),
])
def test_an_incomplete_vietnamese_address_is_refused(client, buyer, overrides, field):
    response = client.post(ADD, address(**overrides))
    assert response.status_code == 200 and field in response.context["form"].errors


def test_a_saved_address_shows_its_province_and_ward_again_and_can_move(client, buyer):
    client.post(ADD, address())
    saved = UserAddress.objects.get(user=buyer)
    html = client.get(f"/shop/accounts/addresses/{saved.pk}/").content.decode()
    assert '<option value="19" selected>Thái Nguyên</option>' in html
    assert '<option value="5809" selected>Xã An Khánh</option>' in html

    moved = client.post(f"/shop/accounts/addresses/{saved.pk}/", address(province=HANOI, ward=HOAN_KIEM))
    assert moved.status_code == 302
    saved.refresh_from_db()
    assert (saved.line4, saved.state) == ("Phường Hoàn Kiếm", "Thành phố Hà Nội")
