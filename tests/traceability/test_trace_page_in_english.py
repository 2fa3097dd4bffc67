"""A diary's inputs, doses and units and the lot's facility read in English on the English trace page
where the producer gave an English text; the Vietnamese stays the signed record, so the seal holds."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import ProducerFactory, ProductFactory
from traceability import services
from traceability.models import DiaryEvent, Facility

from .conftest import HARVEST, gtin13

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer_lot(client, settings):
    """A producer signed in, with a draft lot of theirs made in their workshop."""
    settings.TRACE_PAGE_CACHE_SECONDS = 0
    producer = ProducerFactory()
    owner = get_user_model().objects.create_user("ho-c", "ho-c@example.vn", "mat-khau-1")
    producer.users.add(owner)
    client.force_login(owner)
    workshop = Facility.objects.create(name="Xưởng chè Hồng Hà", code="CS-T-01", producer=producer)
    return services.create_lot(
        product=ProductFactory(upc=gtin13(), producer=producer, categories=None), code="EN-26",
        harvested_on=HARVEST, best_before=HARVEST + timedelta(days=365), quantity=Decimal("50"),
        units_packed=20, facility=workshop,
    )


def _enter(client, lot, **fields):
    response = client.post(reverse("traceability:lot_diary", args=[lot.pk]), fields)
    assert response.status_code == 302, response.content.decode()


def _published_diary(client, lot):
    """The producer keeps the diary through its form, in both languages, then the lot is published."""
    day = HARVEST - timedelta(days=30)
    _enter(client, lot, kind="input", occurred_at=f"{day:%Y-%m-%d}T07:00", input_kind="fertiliser",
           input_product="Phân hữu cơ vi sinh", input_product_en="Microbial organic fertiliser",
           dose="1,5 tấn/ha", dose_en="1.5 t/ha", note="Bón thúc", note_en="Top-dressing")
    _enter(client, lot, kind="harvest", occurred_at=f"{HARVEST:%Y-%m-%d}T06:00", quantity="50", quantity_unit="kg")
    _enter(client, lot, kind="packing", occurred_at=f"{HARVEST + timedelta(days=5):%Y-%m-%d}T08:00",
           quantity="20", quantity_unit="gói")
    return services.publish_lot(lot=lot)


def _page(client, lot, language):
    return client.get(f"/01/{lot.gtin}/10/{lot.code}?lang={language}").content.decode()


def test_the_english_page_shows_the_english_inputs_doses_units_and_facility(client, producer_lot):
    lot = _published_diary(client, producer_lot)
    response = client.post(reverse("traceability:lot_details", args=[lot.pk]),
                           {"facility_name_en": "Hong Ha tea workshop"})
    assert response.status_code == 302

    english = _page(client, lot, "en")
    assert "Microbial organic fertiliser, dose 1.5 t/ha" in english
    assert "20 packet" in english and "<td>Hong Ha tea workshop</td>" in english
    assert "Phân hữu cơ" not in english and "tấn" not in english and "Xưởng" not in english


def test_the_vietnamese_page_shows_the_record_as_the_producer_wrote_it(client, producer_lot):
    lot = _published_diary(client, producer_lot)
    services.translate_facility(facility=lot.facility, name_en="Hong Ha tea workshop")

    vietnamese = _page(client, lot, "vi")
    assert "Phân hữu cơ vi sinh, liều 1,5 tấn/ha" in vietnamese
    assert "20 gói" in vietnamese and "<td>Xưởng chè Hồng Hà</td>" in vietnamese
    assert "Microbial" not in vietnamese and "Hong Ha tea workshop" not in vietnamese


def test_an_event_without_english_text_is_shown_in_vietnamese_on_the_english_page(client, producer_lot):
    day = HARVEST - timedelta(days=30)
    _enter(client, producer_lot, kind="input", occurred_at=f"{day:%Y-%m-%d}T07:00", input_kind="fertiliser",
           input_product="Phân chuồng ủ hoai", dose="2 tấn/ha")
    _enter(client, producer_lot, kind="harvest", occurred_at=f"{HARVEST:%Y-%m-%d}T06:00", quantity="50")
    lot = services.publish_lot(lot=producer_lot)
    english = _page(client, lot, "en")
    assert "Phân chuồng ủ hoai, dose 2 tấn/ha" in english and "<td>Xưởng chè Hồng Hà</td>" in english


def test_english_added_after_publication_leaves_the_seal_intact(client, producer_lot):
    lot = _published_diary(client, producer_lot)
    sealed = (lot.seal, lot.seal_signature, lot.header_hash)
    fertiliser = DiaryEvent.objects.get(lot=lot, kind="input")
    hashes = list(lot.events.order_by("sequence").values_list("hash", flat=True))

    services.translate_event(event=fertiliser, input_product_en="Bio-organic fertiliser", dose_en="1.5 tonnes/ha")
    client.post(reverse("traceability:lot_details", args=[lot.pk]), {"facility_name_en": "Hong Ha tea workshop"})

    lot.refresh_from_db()
    assert (lot.seal, lot.seal_signature, lot.header_hash) == sealed
    assert list(lot.events.order_by("sequence").values_list("hash", flat=True)) == hashes
    assert services.verify_lot(lot=lot) == []
    english = _page(client, lot, "en")
    assert 'data-record-status="intact"' in english and "Bio-organic fertiliser, dose 1.5 tonnes/ha" in english


def test_a_published_lot_keeps_its_dates_but_takes_its_facility_name_in_english(client, producer_lot):
    lot = _published_diary(client, producer_lot)
    page = client.get(reverse("traceability:lot_diary", args=[lot.pk])).content.decode()
    assert 'name="facility_name_en"' in page and 'name="produced_on"' not in page

    refused = client.post(reverse("traceability:lot_details", args=[lot.pk]),
                          {"facility_name_en": "Hong Ha tea workshop", "produced_on": f"{HARVEST:%Y-%m-%d}"})
    assert refused.status_code == 400 and "không thể thay đổi" in refused.content.decode()
    client.post(reverse("traceability:lot_details", args=[lot.pk]), {"facility_name_en": " Hong Ha tea workshop "})
    lot.refresh_from_db()
    assert lot.facility.name_en == "Hong Ha tea workshop" and lot.produced_on is None


def test_a_correction_keeps_the_english_only_of_what_it_does_not_change(client, producer_lot):
    lot = _published_diary(client, producer_lot)
    fertiliser = DiaryEvent.objects.get(lot=lot, kind="input")
    correction = services.correct_event(event=fertiliser, dose="1,2 tấn/ha", note="Sửa liều")
    assert (correction.input_product_en, correction.dose_en, correction.note_en) == (
        "Microbial organic fertiliser", "", "")


def test_the_diary_form_suggests_the_known_units_in_the_reader_language(client, producer_lot):
    vietnamese = client.get(reverse("traceability:lot_diary", args=[producer_lot.pk])).content.decode()
    assert 'list="diary-units"' in vietnamese and '<option value="gói">gói</option>' in vietnamese
    english = client.get("/en" + reverse("traceability:lot_diary", args=[producer_lot.pk])).content.decode()
    assert '<option value="gói">packet</option>' in english and 'name="dose_en"' in english
