"""Producers enter a lot's production and packing dates and the standards they declare, in the diary,
and the published record — trace page, national-portal export, EPCIS — reads them from the lot."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import CoopFactory, ProducerFactory, ProductFactory
from traceability import exports
from traceability.forms import LotDetailsForm

from .conftest import HARVEST, build_lot, gtin13

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def draft(client):
    """A producer signed in, with a lot of theirs not published yet, and their co-op's user."""
    coop = CoopFactory()
    producer = ProducerFactory(coop=coop)
    owner = User.objects.create_user("ho-b", "ho-b@example.vn", "mat-khau-1")
    producer.users.add(owner)
    clerk = User.objects.create_user("htx-b", "htx-b@example.vn", "mat-khau-1")
    coop.users.add(clerk)
    lot = build_lot(product=ProductFactory(upc=gtin13(), producer=producer, categories=None), code="DT-26",
                    publish=False)
    client.force_login(owner)
    return {"lot": lot, "owner": owner, "clerk": clerk}


def _save(client, lot, *, follow=False, **fields):
    return client.post(reverse("traceability:lot_details", args=[lot.pk]), fields, follow=follow)


def test_the_producer_enters_dates_and_standards_and_the_published_record_shows_them(client, draft):
    lot = draft["lot"]
    form_page = client.get(reverse("traceability:lot_diary", args=[lot.pk])).content.decode()
    assert 'name="standards_applied"' in form_page and 'name="produced_on"' in form_page

    response = _save(client, lot, produced_on=f"{HARVEST + timedelta(days=2):%Y-%m-%d}",
                     packed_on=f"{HARVEST + timedelta(days=9):%d/%m/%Y}",
                     standards_applied="tcvn 11250:2015,  TCCS 01:2026/ĐT")
    assert response.status_code == 302
    lot.refresh_from_db()
    assert (lot.produced_on, lot.packed_on) == (HARVEST + timedelta(days=2), HARVEST + timedelta(days=9))
    assert lot.standards_applied == "TCVN 11250:2015; TCCS 01:2026/ĐT"

    client.force_login(draft["clerk"])
    assert client.post(reverse("traceability:publish", args=[lot.pk])).status_code == 302
    lot.refresh_from_db()
    assert lot.is_published
    path = exports.lot_uri(lot).removeprefix(exports.base_url())
    for language, label in (("vi", "Tiêu chuẩn áp dụng"), ("en", "Standards applied")):
        page = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert label in page
        assert 'data-item="standards">TCVN 11250:2015; TCCS 01:2026/ĐT<' in page
        assert f'data-item="produced-on">{lot.produced_on:%d/%m/%Y}<' in page
        assert f'data-item="packed-on">{lot.packed_on:%d/%m/%Y}<' in page
    exported = json.loads(client.get(reverse("traceability:national_record", args=[lot.pk, "json"])).content)
    assert exported["standardsApplied"] == "TCVN 11250:2015; TCCS 01:2026/ĐT"
    epcis = client.get(f"{path}?linkType=gs1:epcis").content.decode()
    assert "TCVN 11250:2015; TCCS 01:2026/ĐT" in epcis and lot.packed_on.isoformat() in epcis


@pytest.mark.parametrize(("fields", "field", "message", "english"), [
    ({"standards_applied": "ISO 22000"}, "standards_applied", "“ISO 22000” không phải là tiêu chuẩn",
     "“ISO 22000” is not a standard"),
    ({"standards_applied": "TCVN"}, "standards_applied", "“TCVN” không phải là tiêu chuẩn", "“TCVN” is not a standard"),
    ({"produced_on": f"{HARVEST - timedelta(days=1):%Y-%m-%d}"}, "produced_on", "trước ngày thu hoạch (10/04/2026)",
     "before the harvest (10/04/2026)"),
    ({"produced_on": f"{HARVEST + timedelta(days=5):%Y-%m-%d}", "packed_on": f"{HARVEST:%Y-%m-%d}"},
     "packed_on", "Ngày đóng gói không thể trước ngày sản xuất", "Packing cannot come before production"),
    ({"packed_on": f"{timezone.localdate() + timedelta(days=3):%Y-%m-%d}"}, "packed_on", "Ngày này ở trong tương lai",
     "This date is in the future"),
    ({"produced_on": "31/02/2026"}, "produced_on", "Nhập một ngày hợp lệ", "Enter a valid date"),
])
def test_wrong_details_are_refused_with_a_clear_message_and_nothing_saved(
    client, draft, fields, field, message, english
):
    lot = draft["lot"]
    response = _save(client, lot, **fields)
    assert response.status_code == 400
    assert any(message in error for error in response.context["details_form"].errors[field])
    assert message in response.content.decode()
    lot.refresh_from_db()
    assert (lot.produced_on, lot.packed_on, lot.standards_applied) == (None, None, "")
    with translation.override("en"):
        form = LotDetailsForm(fields, lot=lot)
        assert not form.is_valid() and any(english in error for error in form.errors[field])


def test_a_published_lot_keeps_its_details(client, draft):
    lot = draft["lot"]
    _save(client, lot, standards_applied="TCVN 11250:2015")
    client.force_login(draft["clerk"])
    client.post(reverse("traceability:publish", args=[lot.pk]))
    client.force_login(draft["owner"])
    page = client.get(reverse("traceability:lot_diary", args=[lot.pk])).content.decode()
    assert "data-lot-details" in page and 'name="standards_applied"' not in page
    response = _save(client, lot, standards_applied="TCCS 02:2026", follow=True)
    lot.refresh_from_db()
    assert lot.standards_applied == "TCVN 11250:2015"
    assert "can no longer be changed" in response.content.decode() or "không thể thay đổi" in response.content.decode()


def test_another_producers_lot_cannot_be_changed(client, draft):
    stranger = User.objects.create_user("ho-c", "ho-c@example.vn", "mat-khau-1")
    ProducerFactory().users.add(stranger)
    client.force_login(stranger)
    assert _save(client, draft["lot"], standards_applied="TCVN 1:2000").status_code == 404
