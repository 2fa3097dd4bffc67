"""Demo checkout data: the countries the shop ships to and its shipping rates (editable in the dashboard)."""

from decimal import Decimal

from oscar.core.loading import get_model

Country = get_model("address", "Country")
WeightBased = get_model("shipping", "WeightBased")

COUNTRIES = [
    ("VN", "VNM", "704", "Việt Nam", "Vietnam", 1),
    ("US", "USA", "840", "Hoa Kỳ", "United States of America", 0),
    ("GB", "GBR", "826", "Vương quốc Anh", "United Kingdom", 0),
    ("DE", "DEU", "276", "Đức", "Germany", 0),
    ("FR", "FRA", "250", "Pháp", "France", 0),
    ("JP", "JPN", "392", "Nhật Bản", "Japan", 0),
    ("KR", "KOR", "410", "Hàn Quốc", "Korea, Republic of", 0),
    ("SG", "SGP", "702", "Singapore", "Singapore", 0),
    ("AU", "AUS", "036", "Úc", "Australia", 0),
]

#: Thái Nguyên and its neighbours (official province codes) ship cheapest.
NORTH = "1,4,8,15,19,20,22,24,25,31,33,37"

RATES = [
    # code, name, international, provinces, free from, bands (upper kg, charge)
    (
        "domestic-north",
        "Giao hàng miền Bắc",
        False,
        NORTH,
        Decimal("500000"),
        [(1, 25000), (3, 35000), (10, 60000)],
    ),
    ("domestic", "Giao hàng toàn quốc", False, "", Decimal("800000"), [(1, 35000), (3, 50000), (10, 90000)]),
    ("international", "International shipping", True, "", None, [(1, 450000), (3, 900000), (10, 2000000)]),
]


#: The shipping rates' names in English, by code.
RATE_NAMES_EN = {
    "domestic-north": "Delivery in northern Vietnam",
    "domestic": "Delivery across Vietnam",
    "international": "International shipping",
}


def seed_checkout(*, report) -> None:
    for a2, a3, numeric, printable, name, order in COUNTRIES:
        Country.objects.update_or_create(
            iso_3166_1_a2=a2,
            defaults={
                "iso_3166_1_a3": a3,
                "iso_3166_1_numeric": numeric,
                "printable_name": printable,
                "name": name,
                "display_order": order,
                "is_shipping_country": True,
            },
        )
    for code, name, international, provinces, free_from, bands in RATES:
        method, _created = WeightBased.objects.update_or_create(
            code=code,
            defaults={
                "name_vi": name,
                "name_en": RATE_NAMES_EN[code],
                "international": international,
                "province_codes": provinces,
                "free_shipping_threshold": free_from,
                "default_weight": Decimal("0.5"),
            },
        )
        method.bands.all().delete()
        for upper, charge in bands:
            method.bands.create(upper_limit=Decimal(upper), charge=Decimal(charge))
    report(f"checkout: {len(COUNTRIES)} countries, {len(RATES)} shipping rates")
