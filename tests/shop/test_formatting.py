"""Money in VND without decimals in both languages, and slugs that keep "đ" as "d"."""

from decimal import Decimal

import pytest
from django.utils import translation
from oscar.templatetags.currency_filters import currency

from shop.slugs import vietnamese_slugify


@pytest.mark.parametrize(
    ("language", "amount", "shown"),
    [
        ("vi", Decimal("250000"), "250.000\xa0₫"),
        ("en", Decimal("250000"), "₫250,000"),
        ("vi", Decimal("1943000"), "1.943.000\xa0₫"),
        ("en", Decimal("0"), "₫0"),
        ("vi", Decimal("99999.60"), "100.000\xa0₫"),
    ],
)
def test_vnd_is_shown_without_decimals(language, amount, shown):
    with translation.override(language):
        assert currency(amount, "VND") == shown


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đồi chè Đại Từ", "doi-che-dai-tu"),
        ("Chè Tôm búp đặc biệt", "che-tom-bup-dac-biet"),
        ("Mật ong hoa rừng", "mat-ong-hoa-rung"),
        ("ĐẶC SẢN", "dac-san"),
    ],
)
def test_slugs_keep_d_with_stroke_as_d(text, slug):
    assert vietnamese_slugify(text) == slug


def test_oscar_uses_the_vietnamese_slugifier():
    from oscar.core.utils import slugify

    assert slugify("Đồng Tâm") == "dong-tam"
