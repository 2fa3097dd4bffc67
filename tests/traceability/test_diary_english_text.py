"""The diary's "English text" form: an entry's keeper (or the co-op entering for its member) gives
a published entry its English, which the English trace page reads with the seal intact."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import CoopFactory, ProducerFactory, ProductFactory
from traceability import services
from traceability.models import DiaryEvent

from .conftest import build_lot, gtin13

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def keeper_lot():
    coop = CoopFactory()
    member = ProducerFactory(coop=coop)
    keeper = User.objects.create_user("ho-lan", "ho-lan@example.vn", "mat-khau-1")
    member.users.add(keeper)
    lot = build_lot(product=ProductFactory(upc=gtin13(), producer=member, categories=None), code="EN-1")
    return {"coop": coop, "member": member, "keeper": keeper, "lot": lot}


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _english_url(lot, event) -> str:
    return f"/trace/diary/{lot.pk}/events/{event.pk}/english/"


def _trace_page(lot, language: str) -> str:
    return Client().get(f"/01/{lot.gtin}/10/{lot.code}?lang={language}").content.decode()


def test_the_keeper_gives_a_published_entry_its_english_and_the_seal_holds(
    keeper_lot, settings, django_capture_on_commit_callbacks
):
    settings.TRACE_PAGE_CACHE_SECONDS = 0
    lot, client = keeper_lot["lot"], _login(keeper_lot["keeper"])
    spray = lot.events.get(kind="input")
    before = DiaryEvent.objects.values("note", "input_product", "dose", "hash").get(pk=spray.pk)
    assert spray.is_published and "English text" in client.get(f"/en/trace/diary/{lot.pk}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _english_url(lot, spray),
            {f"english-{spray.pk}-input_product_en": "Organic Bt", f"english-{spray.pk}-dose_en": "20 ml a tank"},
        )
    assert response.status_code == 302 and response["Location"].endswith(f"#event-{spray.pk}")

    english = _trace_page(lot, "en")
    assert "Organic Bt" in english and "20 ml a tank" in english and "Record intact" in english
    assert "Organic Bt" not in _trace_page(lot, "vi")
    assert services.verify_lot(lot=lot) == []
    assert DiaryEvent.objects.values("note", "input_product", "dose", "hash").get(pk=spray.pk) == before
    # The keeper's own diary reads as the page's language does.
    assert "— Organic Bt 20 ml a tank" in client.get(f"/en/trace/diary/{lot.pk}/").content.decode()
    vietnamese_diary = client.get(f"/trace/diary/{lot.pk}/").content.decode()
    assert "— Bt sinh học 20 ml/bình" in vietnamese_diary and "— Organic Bt" not in vietnamese_diary


def test_the_form_offers_only_the_texts_the_entry_has(keeper_lot):
    lot, client = keeper_lot["lot"], _login(keeper_lot["keeper"])
    harvest = lot.events.get(kind="harvest")
    page = client.get(f"/en/trace/diary/{lot.pk}/").content.decode()
    assert f'name="english-{harvest.pk}-note_en"' in page
    assert f'name="english-{harvest.pk}-dose_en"' not in page


def test_too_long_an_english_text_is_shown_again_with_its_error_and_nothing_saved(keeper_lot):
    lot, client = keeper_lot["lot"], _login(keeper_lot["keeper"])
    spray = lot.events.get(kind="input")
    response = client.post(_english_url(lot, spray), {f"english-{spray.pk}-dose_en": "x" * 81})
    assert response.status_code == 400
    page = response.content.decode()
    assert "x" * 81 in page and "80" in page and "<details class=\"event-english\" open>" in page
    spray.refresh_from_db()
    assert spray.dose_en == ""


def test_another_producer_cannot_write_the_english_of_an_entry(keeper_lot):
    other = User.objects.create_user("ho-khac", "ho-khac@example.vn", "mat-khau-1")
    ProducerFactory().users.add(other)
    lot = keeper_lot["lot"]
    harvest = lot.events.get(kind="harvest")
    response = _login(other).post(_english_url(lot, harvest), {f"english-{harvest.pk}-note_en": "Not mine"})
    assert response.status_code in (403, 404)
    harvest.refresh_from_db()
    assert harvest.note_en == ""


def test_the_coop_entering_for_its_member_writes_the_english(keeper_lot, django_capture_on_commit_callbacks):
    clerk = User.objects.create_user("htx-thu", "htx-thu@example.vn", "mat-khau-1")
    keeper_lot["coop"].users.add(clerk)
    client, lot = _login(clerk), keeper_lot["lot"]
    act = reverse("coops:act-for", kwargs={"slug": keeper_lot["coop"].slug, "producer_id": keeper_lot["member"].pk})
    assert client.post(act).status_code == 302
    harvest = lot.events.get(kind="harvest")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_english_url(lot, harvest), {f"english-{harvest.pk}-note_en": "Picked by hand"})
    harvest.refresh_from_db()
    assert harvest.note_en == "Picked by hand" and harvest.note == "Hái tay"
