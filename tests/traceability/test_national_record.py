"""The Circular 02/2024 Art. 6 items on the trace page (both languages) and the national-portal export."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from traceability.models import Lot

pytestmark = pytest.mark.django_db

DEMO_LOT = "/01/08930000000033/10/AK26-03"

ITEMS = {
    "vi": ["Hồ sơ truy xuất", "Mã truy xuất", "Địa chỉ nhà sản xuất", "Mã định danh nhà sản xuất",
           "Ngày sản xuất", "Ngày đóng gói", "Tiêu chuẩn áp dụng", "Mã địa điểm"],
    "en": ["Trace record", "Traceability code", "Producer's address", "Producer identifier",
           "Production date", "Packing date", "Standards applied", "Location code"],
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_trace_page_shows_every_circular_item(client, demo_world, language):
    lot = Lot.objects.select_related("product__producer", "growing_area", "facility").get(code="AK26-03")
    page = client.get(f"{DEMO_LOT}?lang={language}").content.decode()
    for words in ITEMS[language]:
        assert words in page, words
    assert "data-product-image" in page  # the product's image
    assert lot.product.title in page and lot.product.producer.name in page
    assert "Thái Nguyên" in page  # the producer's address down to the province
    assert f"/party/producer-{lot.product.producer.pk}" in page
    assert lot.growing_area.code in page and lot.facility.code in page  # a location code per stage
    assert f"{lot.produced_on:%d/%m/%Y}" in page and f"{lot.packed_on:%d/%m/%Y}" in page
    assert lot.standards_applied and lot.standards_applied in page
    assert page.count("data-stage=") == 3


@pytest.fixture
def coop_client(client, demo_world):
    user = get_user_model().objects.create_user("staff.trace", "staff.trace@example.vn", "mat-khau-1", is_staff=True)
    client.force_login(user)
    return client


def test_national_record_export_of_a_demo_lot(coop_client):
    lot = Lot.objects.get(code="AK26-03")
    response = coop_client.get(f"/trace/diary/{lot.pk}/national-record.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    record = response.json()
    assert record["shape"] == "ocop-market/national-trace-record/1"
    assert record["traceCode"].endswith(DEMO_LOT)
    assert record["product"]["gtin"] == "08930000000033" and record["lot"] == "AK26-03"
    assert record["producer"]["name"] and "Thái Nguyên" in record["producer"]["address"]
    assert [s["stage"] for s in record["stages"]] == ["growing", "processing", "packing"]
    assert all(s["locationCode"] and s["locationId"].startswith("http") and s["date"] for s in record["stages"])
    assert record["dates"]["produced"] and record["dates"]["packed"] and record["standardsApplied"]
    assert record["certificates"] and record["events"] and record["intact"] is True

    as_csv = coop_client.get(f"/trace/diary/{lot.pk}/national-record.csv")
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert [row["stage"] for row in rows] == ["growing", "processing", "packing"]
    assert {row["lot"] for row in rows} == {"AK26-03"}


def test_the_export_is_for_the_lots_own_people_only(client, demo_world):
    lot = Lot.objects.get(code="AK26-03")
    assert client.get(f"/trace/diary/{lot.pk}/national-record.json").status_code == 302  # to the log-in
    stranger = get_user_model().objects.create_user("la", "la@example.vn", "mat-khau-1")
    client.force_login(stranger)
    assert client.get(f"/trace/diary/{lot.pk}/national-record.json").status_code == 404
