"""The public trace page at the GS1 Digital Link: content, languages, errors, cache and scan counts."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.processes import database_url_for_another_process
from traceability import caching, services
from traceability.models import DiaryEvent, ScanCount

from .conftest import at, build_lot

pytestmark = pytest.mark.django_db


def path_of(lot) -> str:
    return f"/01/{lot.gtin}/10/{lot.code}"


def test_trace_page_shows_the_story_in_english_when_the_browser_asks(client, published_lot, settings):
    response = client.get(path_of(published_lot), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    page = response.content.decode()
    assert "Record intact" in page
    assert "Chè thử nghiệm" in page
    assert "12 days before harvest, interval 7 days ✔" in page
    assert 'data-kind="harvest"' in page and 'data-kind="input"' in page
    with translation.override("en"):
        assert f'href="{settings.SITE_URL}{published_lot.product.get_absolute_url()}"' in page
    assert f'href="{settings.SITE_URL}/en/shop/' in page


@pytest.mark.parametrize(
    ("language", "spray", "harvest"),
    [
        ("en", "Spray (plant protection)</span> — Bt sinh học, dose 20 ml/bình, pre-harvest interval 7 days",
         "Harvest</span> — 50 kg"),
        ("vi", "Phun thuốc (bảo vệ thực vật)</span> — Bt sinh học, liều 20 ml/bình, thời gian cách ly 7 ngày",
         "Thu hoạch</span> — 50 kg"),
    ],
)
def test_timeline_entries_are_worded_in_the_visitors_language(client, published_lot, language, spray, harvest):
    page = client.get(path_of(published_lot) + f"?lang={language}").content.decode()
    assert spray in page and harvest in page
    assert '<time datetime="2026-04-10T06:00:00+07:00">10/04/2026 06:00</time>' in page


def test_lang_parameter_switches_language_and_links_offer_both(client, published_lot):
    response = client.get(path_of(published_lot) + "?lang=en", HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Content-Language"] == "en"
    page = response.content.decode()
    assert 'href="?lang=vi"' in page and 'href="?lang=en"' in page
    assert client.get(path_of(published_lot), HTTP_ACCEPT_LANGUAGE="vi")["Content-Language"] == "vi"


def test_area_is_shown_as_a_region_without_coordinates(client, demo_world):
    page = client.get("/01/08930000000033/10/AK26-03").content.decode()
    assert "Vùng chè tập trung Cù Vân" in page and "TN-AK-VT-001" in page
    assert "21.66" not in page and "105.67" not in page


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/01/08930000000018/10/AK26-03", 400),  # wrong check digit
        ("/01/0893000000003X/10/AK26-03", 400),
        ("/01/893000000003/10/AK26-03", 400),  # 12 digits, not a valid GTIN-12
        ("/01/08930000000033?linkType=gs1:epcis", 404),  # a product has no EPCIS link, only its lots
        ("/01/08930000000033/10/", 400),
        ("/01/08930000000033/11/AK26-03", 400),
        ("/01/08930000000033/10/NO-SUCH-LOT", 404),
        ("/01/08930000000040/10/AK26-03", 404),  # a real lot code under another product
    ],
)
def test_malformed_keys_are_400_and_unknown_lots_404(client, demo_world, path, status):
    assert client.get(path).status_code == status


def test_a_short_gtin_redirects_to_the_canonical_digital_link(client, demo_world):
    response = client.get("/01/8930000000033/10/AK26-03?lang=en")
    assert response.status_code == 301
    assert response["Location"] == "/01/08930000000033/10/AK26-03?lang=en"


def test_a_draft_lot_is_not_public(client):
    lot = build_lot(publish=False)
    assert client.get(path_of(lot)).status_code == 404


def test_corrections_are_shown_beside_the_corrected_entry(client, demo_world):
    page = client.get("/01/08930000000033/10/AK26-03?lang=en").content.decode()
    assert "Corrected later" in page and "Correction of an earlier entry" in page
    # the correction's note in the reader's language, in the timeline and in the list of corrections
    assert page.count("Dose corrected: 20 ml was written by mistake") == 2
    assert "Sửa liều lượng" not in page
    vietnamese = client.get("/01/08930000000033/10/AK26-03?lang=vi").content.decode()
    assert vietnamese.count("Sửa liều lượng") == 2


def test_the_blend_shows_the_lots_it_was_made_from(client, demo_world, settings):
    settings.TRACE_PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/01/08930000000019/10/AK26-01?lang=en").content.decode()
    # one more: the lots it was made from, in one query; and the shop's Zalo OA (share button)
    assert len(queries.captured_queries) == 7
    assert "Made from" in page
    assert 'href="/01/08930000000019/10/AK26-01A"' in page and 'href="/01/08930000000019/10/AK26-01B"' in page
    assert page.count("Record intact") == 1


def test_tampered_record_is_not_called_intact(client, published_lot, settings):
    settings.TRACE_PAGE_CACHE_SECONDS = 0
    DiaryEvent.objects.filter(lot=published_lot, kind="harvest").update(note="Hái máy")
    page = client.get(path_of(published_lot) + "?lang=en").content.decode()
    assert "Record intact" not in page and 'data-record-status="broken"' in page


def test_anonymous_hits_are_served_from_cache_without_queries(client, published_lot):
    first = client.get(path_of(published_lot))
    with CaptureQueriesContext(connection) as queries:
        second = client.get(path_of(published_lot))
    assert second.status_code == 200 and second.content == first.content
    assert len(queries.captured_queries) == 0


def test_any_write_through_the_services_invalidates_the_cached_page(
    client, published_lot, django_capture_on_commit_callbacks
):
    assert "Đóng thùng" not in client.get(path_of(published_lot)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_event(
            lot=published_lot, kind="packing", occurred_at=at(published_lot.harvested_on), note="Đóng thùng"
        )
        services.publish_lot(lot=published_lot)
    assert "Đóng thùng" in client.get(path_of(published_lot)).content.decode()


def test_scans_are_counted_per_lot_and_day_without_personal_data(client, published_lot, settings):
    settings.TRACE_SCAN_FLUSH_EVERY = 3
    for _ in range(8):
        client.get(path_of(published_lot), HTTP_USER_AGENT="phone", REMOTE_ADDR="203.0.113.9")
    client.get(path_of(published_lot) + "?linkType=linkset")  # not a scan
    flushed = ScanCount.objects.get(lot=published_lot)
    assert flushed.count == 7  # the first render flushes 1, then every third cached hit
    caching.flush_scans(lot_ids=[published_lot.pk])
    flushed.refresh_from_db()
    assert flushed.count == 8
    assert {f.name for f in ScanCount._meta.get_fields()} == {"id", "lot", "day", "count"}


def test_flush_command_writes_cached_counts(client, published_lot):
    from django.core.management import call_command

    client.get(path_of(published_lot))
    client.get(path_of(published_lot))
    call_command("flush_trace_scans", stdout=open("/dev/null", "w"))
    assert ScanCount.objects.get(lot=published_lot).count == 2


def test_the_scan_that_completes_a_batch_asks_for_a_flush_however_earlier_flushes_fell(settings, published_lot):
    settings.TRACE_SCAN_FLUSH_EVERY = 5
    due = []
    for scan in range(1, 11):
        caching.count_scan(published_lot.pk)
        due.append(caching.scan_flush_due(published_lot.pk))
        if scan == 7:  # a flush asked for at the fifth scan runs only now, and drains seven
            caching.flush_scans(lot_ids=[published_lot.pk])
    assert due == [scan % 5 == 0 for scan in range(1, 11)]
    caching.flush_scans(lot_ids=[published_lot.pk])  # the one the tenth scan asked for
    assert ScanCount.objects.get(lot=published_lot).count == 10


def test_scans_a_process_counted_reach_the_database_when_it_exits(transactional_db):
    lot = build_lot()
    count_then_exit = f"from traceability import caching\nfor _ in range(7): caching.count_scan({lot.pk})"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "shop.settings.test",
        "DATABASE_URL": database_url_for_another_process(),
    }
    env.pop("REDIS_URL", None)  # the in-process cache: what the process does not flush is lost
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", count_then_exit],
        cwd=Path(__file__).resolve().parents[2], env=env, check=True, timeout=120, capture_output=True,
    )
    assert ScanCount.objects.get(lot=lot).count == 7


def test_query_count_is_fixed_as_the_diary_grows_from_10_to_500(client, query_budget, settings):
    settings.TRACE_PAGE_CACHE_SECONDS = 0
    settings.TRACE_SCAN_FLUSH_EVERY = 100_000
    lot = build_lot(extra_events=8)
    assert lot.events.count() == 10

    def grow():
        DiaryEvent.objects.bulk_create(
            DiaryEvent(
                lot=lot,
                kind="processing",
                step="rolling",
                note=f"Vò {i}",
                occurred_at=at(lot.harvested_on, 9) + timedelta(minutes=i),
            )
            for i in range(490)
        )
        services.publish_lot(lot=lot)
        assert lot.events.filter(sequence__isnull=False).count() == 500

    queries = query_budget.assert_constant(lambda: client.get(path_of(lot)), grow)
    # the lot with its product, area and facility, its certificates, its events, their files, the product's
    # image, the shop's Zalo OA (for the share button)
    assert queries == 6
    assert client.get(path_of(lot) + "?lang=en").content.decode().count('data-kind="processing"') == 498


def test_linkset_by_parameter_and_by_accept_header(client, published_lot):
    by_parameter = client.get(path_of(published_lot) + "?linkType=linkset")
    by_header = client.get(path_of(published_lot), HTTP_ACCEPT="application/linkset+json")
    for response in (by_parameter, by_header):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/linkset+json"
        linkset = response.json()["linkset"][0]
        assert linkset["anchor"].endswith(path_of(published_lot))
        assert linkset["https://gs1.org/voc/pip"][0]["href"].endswith(
            published_lot.product.get_absolute_url()
        )
        assert linkset["https://gs1.org/voc/epcis"][0]["href"].endswith("?linkType=gs1:epcis")
    html = client.get(path_of(published_lot))
    assert 'rel="linkset"' in html["Link"]


def test_resolver_description(client):
    description = client.get("/.well-known/gs1resolver").json()
    assert description["supportedPrimaryKeys"] == ["01"]
    assert description["linkTypeDefaultCanBeLinkset"] is False
    assert description["supportedLinkType"] == [{"namespace": "https://gs1.org/voc/", "prefix": "gs1:"}]


def test_a_serialised_item_opens_its_lot_page_and_head_is_answered(client, demo_world):
    serial = client.get("/01/08930000000033/10/AK26-03/21/SER-0001?lang=en")
    assert serial.status_code == 200
    assert 'href="/01/08930000000033/10/AK26-03?linkType=linkset"' in serial.content.decode()
    assert client.head("/01/08930000000033/10/AK26-03").status_code == 200
    assert client.post("/01/08930000000033/10/AK26-03").status_code == 405
