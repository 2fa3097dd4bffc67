"""Diary attachments: drafts only for those who keep the diary, published ones for all, never run as pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.portal import images
from traceability import services
from traceability.models import EventFile

pytestmark = pytest.mark.django_db


def _attach(market, data: bytes, name: str) -> EventFile:
    event = market["lot"].events.order_by("id").last()
    return services.attach_file(event=event, upload=SimpleUploadedFile(name, data))


@pytest.fixture
def attachments(market):
    return {
        "photo": _attach(market, images.rotated_jpeg_with_gps(), "IMG_0002.JPG"),
        "document": _attach(market, images.PDF_DOCUMENT, "ket-qua.pdf"),
    }


def _urls(attached: EventFile) -> list[str]:
    urls = [f"/trace/files/{attached.pk}/"]
    if attached.kind == "photo":
        urls += [f"/trace/files/{attached.pk}/640.jpeg", f"/trace/files/{attached.pk}/320.webp"]
    return urls


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_a_draft_attachment_is_404_for_anyone_outside_the_diary(market, attachments, who):
    client = Client()
    if who == "stranger":
        client.force_login(market["stranger"])
    for attached in attachments.values():
        for url in _urls(attached):
            assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["owner", "reviewer"])
def test_the_producer_and_the_co_op_reviewer_open_the_drafts(market, attachments, who):
    client = Client()
    client.force_login(market[who])
    for attached in attachments.values():
        for url in _urls(attached):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Cache-Control"] == "private, no-store"


def test_the_review_screen_shows_every_attachment_before_publishing(market, attachments):
    client = Client()
    client.force_login(market["reviewer"])
    page = client.get(f"/trace/diary/{market['lot'].pk}/").content.decode()
    assert f'src="/trace/files/{attachments["photo"].pk}/320.jpeg"' in page
    assert f'href="/trace/files/{attachments["document"].pk}/"' in page


def test_published_files_are_public_never_sniffed_and_documents_are_downloads(market, attachments):
    services.publish_lot(lot=market["lot"])
    client = Client()
    photo = client.get(f"/trace/files/{attachments['photo'].pk}/1280.jpeg")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in photo["Content-Security-Policy"]
    assert "attachment" not in photo.get("Content-Disposition", "")
    document = client.get(f"/trace/files/{attachments['document'].pk}/")
    assert document["Content-Type"] == "application/pdf"
    assert document["Content-Disposition"].startswith("attachment;")
    assert document["X-Content-Type-Options"] == "nosniff"
    assert b"".join(document.streaming_content) == images.PDF_DOCUMENT
    assert client.get(f"/trace/files/{attachments['document'].pk}/640.jpeg").status_code == 404


def test_the_trace_page_shows_renditions_not_the_original(market, attachments):
    lot = services.publish_lot(lot=market["lot"])
    page = Client().get(f"/01/{lot.gtin}/10/{lot.code}").content.decode()
    photo = attachments["photo"].pk
    assert f'src="/trace/files/{photo}/640.jpeg"' in page
    assert f"/trace/files/{photo}/320.jpeg 320w" in page and f"/trace/files/{photo}/1280.jpeg 1280w" in page
    assert f'href="/trace/files/{attachments["document"].pk}/" download' in page
    assert attachments["photo"].file.name not in page
