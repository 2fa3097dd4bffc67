"""Diary notes read in English on the English trace page where the producer (or co-op staff) gave
an English text; the Vietnamese note stays the signed record."""

import pytest

from traceability import services
from traceability.models import DiaryEvent

from .conftest import build_lot

pytestmark = pytest.mark.django_db


def _path(lot) -> str:
    return f"/01/{lot.gtin}/10/{lot.code}"


def test_an_english_note_added_after_publication_shows_in_english_and_keeps_the_record_intact(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TRACE_PAGE_CACHE_SECONDS = 0
    lot = build_lot()
    harvest = DiaryEvent.objects.get(lot=lot, kind="harvest")
    assert harvest.note and harvest.is_published
    with django_capture_on_commit_callbacks(execute=True):
        services.translate_event(event=harvest, note_en="  Picked by hand at dawn.  ")

    english = client.get(_path(lot) + "?lang=en").content.decode()
    vietnamese = client.get(_path(lot) + "?lang=vi").content.decode()
    assert '<p class="note">Picked by hand at dawn.</p>' in english
    assert f'<p class="note">{harvest.note}</p>' in vietnamese and "Picked by hand" not in vietnamese
    assert "Record intact" in english
    assert services.verify_lot(lot=lot) == []


def test_a_note_without_english_text_is_shown_as_the_producer_wrote_it(client, settings):
    settings.TRACE_PAGE_CACHE_SECONDS = 0
    lot = build_lot()
    harvest = DiaryEvent.objects.get(lot=lot, kind="harvest")
    assert f'<p class="note">{harvest.note}</p>' in client.get(_path(lot) + "?lang=en").content.decode()


def test_the_demo_diaries_read_in_english(client, demo_world):
    english = client.get("/01/08930000000033/10/AK26-03?lang=en").content.decode()
    assert "Sprayed against leaf rollers in the cool of the evening." in english
    assert "Phun trừ sâu cuốn lá chiều mát." not in english
    vietnamese = client.get("/01/08930000000033/10/AK26-03?lang=vi").content.decode()
    assert "Phun trừ sâu cuốn lá chiều mát." in vietnamese
