"""The producers' diary: own lots only (every URL), simple entry form, drafts, corrections, publication."""

import hashlib
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from shop.private_files import private_storage
from tests.factories import CoopFactory, ProducerFactory, ProductFactory
from traceability import services
from traceability.models import DiaryEvent

from .conftest import build_lot, gtin13

pytestmark = pytest.mark.django_db
User = get_user_model()


def _user(name: str):
    return User.objects.create_user(name, f"{name}@example.vn", "mat-khau-1")


@pytest.fixture
def two_producers():
    coop = CoopFactory()
    mine, theirs = ProducerFactory(coop=coop), ProducerFactory()
    me = _user("ho-a")
    mine.users.add(me)
    my_lot = build_lot(product=ProductFactory(upc=gtin13(), producer=mine, categories=None), code="MINE-1")
    their_lot = build_lot(
        product=ProductFactory(upc=gtin13(), producer=theirs, categories=None), code="THEIRS-1"
    )
    return {"me": me, "coop": coop, "my_lot": my_lot, "their_lot": their_lot}


def _photo() -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile("doi-che.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_producer_sees_only_their_own_lots(client, two_producers):
    client.force_login(two_producers["me"])
    page = client.get("/trace/diary/").content.decode()
    assert "MINE-1" in page and "THEIRS-1" not in page


def test_producers_and_co_ops_reach_the_diary_from_their_own_screens(client, two_producers):
    client.force_login(two_producers["me"])
    assert 'href="/trace/diary/"' in client.get("/portal/").content.decode()
    coop_user = _user("htx-a")
    two_producers["coop"].users.add(coop_user)
    client.force_login(coop_user)
    coop_page = client.get(f"/coop/{two_producers['coop'].slug}/")
    assert coop_page.status_code == 200 and 'href="/trace/diary/"' in coop_page.content.decode()
    assert "MINE-1" in client.get("/trace/diary/").content.decode()


def test_another_producers_lot_is_404_on_every_url(client, two_producers):
    client.force_login(two_producers["me"])
    lot = two_producers["their_lot"]
    event = lot.events.first()
    base = f"/trace/diary/{lot.pk}"
    for method, url in [
        ("get", f"{base}/"),
        ("post", f"{base}/"),
        ("post", f"{base}/publish/"),
        ("get", f"{base}/labels/?count=1&format=png"),
        ("get", f"{base}/events/{event.pk}/correct/"),
        ("post", f"{base}/events/{event.pk}/correct/"),
        ("post", f"{base}/events/{event.pk}/delete/"),
        ("post", f"{base}/events/{event.pk}/english/"),
        ("get", f"/en{base}/"),
    ]:
        response = getattr(client, method)(url, {"kind": "harvest"} if method == "post" else None)
        assert response.status_code in (403, 404), (method, url, response.status_code)
    # An event of their lot under my lot's URL is not found either.
    mine = two_producers["my_lot"]
    assert client.get(f"/trace/diary/{mine.pk}/events/{event.pk}/correct/").status_code == 404
    assert lot.events.count() == 2


def test_anonymous_visitors_are_sent_to_log_in(client, two_producers):
    response = client.get(f"/trace/diary/{two_producers['my_lot'].pk}/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_producer_adds_an_entry_with_a_photo_as_a_draft(client, two_producers):
    client.force_login(two_producers["me"])
    lot = two_producers["my_lot"]
    photo = _photo()
    content = photo.read()
    photo.seek(0)
    response = client.post(
        f"/trace/diary/{lot.pk}/",
        {
            "kind": "input",
            "occurred_at": "2026-05-02T07:30",
            "input_kind": "fertiliser",
            "input_product": "Phân chuồng ủ hoai",
            "dose": "2 tấn/ha",
            "note": "Bón gốc",
            "photo": photo,
        },
    )
    assert response.status_code == 302
    event = lot.events.get(input_product="Phân chuồng ủ hoai")
    assert not event.is_published and event.recorded_by == two_producers["me"]
    attached = event.files.get()
    stored = private_storage().open(attached.file.name).read()
    assert attached.kind == "photo" and attached.sha256 == hashlib.sha256(stored).hexdigest()
    assert stored != content  # re-encoded: nothing of the phone's file is kept


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"kind": "input", "occurred_at": "2026-05-02T07:30", "input_kind": "spray", "input_product": "X"},
            "pre_harvest_interval_days",
        ),
        ({"kind": "harvest", "occurred_at": "2026-05-02T07:30"}, "quantity"),
        ({"kind": "processing", "occurred_at": "2026-05-02T07:30"}, "step"),
        (
            {"kind": "lab_test", "occurred_at": "2026-05-02T07:30", "analytes": "Pb; nhiều; 0.3; mg/kg"},
            "analytes",
        ),
        ({"kind": "harvest", "occurred_at": "2099-01-01T07:00", "quantity": "5"}, "occurred_at"),
    ],
)
def test_incomplete_entries_are_shown_again_with_errors_and_nothing_saved(client, two_producers, data, field):
    client.force_login(two_producers["me"])
    lot = two_producers["my_lot"]
    before = lot.events.count()
    response = client.post(f"/trace/diary/{lot.pk}/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert lot.events.count() == before


def test_producer_cannot_publish_but_the_coop_can(client, two_producers):
    lot = two_producers["my_lot"]
    services.record_event(lot=lot, kind="packing", occurred_at=lot.events.last().occurred_at, note="Đóng gói")
    client.force_login(two_producers["me"])
    assert client.post(f"/trace/diary/{lot.pk}/publish/").status_code == 403
    assert lot.events.filter(sequence__isnull=True).count() == 1

    coop_user = _user("htx")
    two_producers["coop"].users.add(coop_user)
    client.force_login(coop_user)
    assert "THEIRS-1" not in client.get("/trace/diary/").content.decode()
    assert client.post(f"/trace/diary/{lot.pk}/publish/").status_code == 302
    assert lot.events.filter(sequence__isnull=True).count() == 0
    assert services.verify_lot(lot=lot) == []


def test_a_published_entry_is_corrected_not_edited(client, two_producers):
    client.force_login(two_producers["me"])
    lot = two_producers["my_lot"]
    spray = lot.events.get(kind="input")
    form = client.get(f"/trace/diary/{lot.pk}/events/{spray.pk}/correct/")
    assert form.context["form"].initial["dose"] == "20 ml/bình"
    response = client.post(
        f"/trace/diary/{lot.pk}/events/{spray.pk}/correct/",
        {
            "kind": "input",
            "occurred_at": "2026-03-29T08:00",
            "input_kind": "spray",
            "input_product": "Bt sinh học",
            "dose": "15 ml/bình",
            "pre_harvest_interval_days": "7",
            "note": "Ghi nhầm liều",
        },
    )
    assert response.status_code == 302
    correction = DiaryEvent.objects.get(corrects=spray)
    assert correction.dose == "15 ml/bình" and correction.note == "Ghi nhầm liều"
    spray.refresh_from_db()
    assert spray.dose == "20 ml/bình"
    # Published entries cannot be deleted through the diary either.
    client.post(f"/trace/diary/{lot.pk}/events/{spray.pk}/delete/")
    assert DiaryEvent.objects.filter(pk=spray.pk).exists()
    client.post(f"/trace/diary/{lot.pk}/events/{correction.pk}/delete/")
    assert not DiaryEvent.objects.filter(pk=correction.pk).exists()


def test_diary_page_shows_entries_checks_and_scans_in_vietnamese_first(client, two_producers):
    lot = two_producers["my_lot"]
    Client().get(f"/01/{lot.gtin}/10/{lot.code}")  # an anonymous scan
    client.force_login(two_producers["me"])
    response = client.get(f"/trace/diary/{lot.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="vi">' in page
    assert "trước thu hoạch 12 ngày, thời gian cách ly 7 ngày ✔" in page
    assert "Bt sinh học" in page and f'action="/trace/diary/{lot.pk}/publish/"' not in page
    assert response.context["scan_total"] == 1
