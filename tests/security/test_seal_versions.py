"""The sealed header covers a lot's production and packing dates, its facility and its standards;
records sealed before those were covered still verify."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.factories import ProductFactory
from tests.traceability.conftest import HARVEST, at, gtin13
from traceability import records, services, signing
from traceability.models import Facility, Lot

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility(db):
    return Facility.objects.create(name="Xưởng chè Cù Vân", code="CSCB-TN-0012")


@pytest.fixture
def lot(facility):
    """A published lot declaring its production and packing dates, facility and standards."""
    lot = services.create_lot(
        product=ProductFactory(upc=gtin13(), title="Chè búp", categories=None),
        code="L26-SEAL", harvested_on=HARVEST, best_before=HARVEST + timedelta(days=365),
        quantity=Decimal("40"), units_packed=10, produced_on=HARVEST + timedelta(days=1),
        packed_on=HARVEST + timedelta(days=3), facility=facility, standards_applied="TCVN 11250:2015",
    )
    services.record_event(lot=lot, kind="harvest", occurred_at=at(HARVEST, 6), quantity=Decimal("40"),
                          quantity_unit="kg", note="Hái tay")
    return services.publish_lot(lot=lot)


def _verify_fails(lot) -> str:
    with pytest.raises(CommandError) as failure:
        call_command("trace_verify", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    assert f"{lot.gtin}/{lot.code}" in str(failure.value)
    return str(failure.value)


def _intact_on_the_trace_page(lot) -> bool:
    response = Client().get(f"/01/{lot.gtin}/10/{lot.code}")
    return 'data-record-status="intact"' in response.content.decode()


TAMPERING = {
    "production-date": lambda lot: Lot.objects.filter(pk=lot.pk).update(produced_on=date(2026, 1, 1)),
    "packing-date": lambda lot: Lot.objects.filter(pk=lot.pk).update(packed_on=lot.packed_on + timedelta(days=90)),
    "standards": lambda lot: Lot.objects.filter(pk=lot.pk).update(standards_applied="TCVN 9999:2020"),
    "other-facility": lambda lot: Lot.objects.filter(pk=lot.pk).update(
        facility=Facility.objects.create(name="Xưởng khác", code="CSCB-HN-0001")
    ),
    "facility-code": lambda lot: Facility.objects.filter(pk=lot.facility_id).update(code="CSCB-XX-9999"),
    "facility-removed": lambda lot: Lot.objects.filter(pk=lot.pk).update(facility=None),
}


def test_the_new_seal_names_its_header_version_and_verifies(lot):
    assert json.loads(Lot.objects.get(pk=lot.pk).seal)["header_v"] == records.HEADER_VERSION
    call_command("trace_verify", stdout=open("/dev/null", "w"))
    assert _intact_on_the_trace_page(lot)


@pytest.mark.parametrize("case", list(TAMPERING))
def test_tampering_with_a_newer_lot_field_is_detected(lot, case):
    TAMPERING[case](lot)
    assert "header" in _verify_fails(lot)
    assert not _intact_on_the_trace_page(lot)


def _seal_as_version_one(lot) -> None:
    """Put the lot in the state a publication before header version 2 left it: a version-1 header
    hash and a seal (signed by the shop's key) that names no header version."""
    record = services.lot_record(lot.pk)
    old_header = records._digest(records.header_content(record, version="ocop-trace-1"))
    sealed = json.loads(record.lot.seal)
    sealed.pop("header_v")
    sealed.update(v="ocop-seal-1", header=old_header)
    text = json.dumps(sealed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    Lot.objects.filter(pk=lot.pk).update(header_hash=old_header, seal=text, seal_signature=signing.sign(text.encode()))
    # The first entry was chained on the old header: chain it again as that publication did.
    first = next(event for event in record.events if event.sequence == 1)
    assert len(record.events) == 1
    first.previous_hash = old_header
    first.hash = records.event_hash(first)
    first.save(update_fields=["previous_hash", "hash"])
    refreshed = services.lot_record(lot.pk)
    sealed["head"] = first.hash
    text = json.dumps(sealed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    Lot.objects.filter(pk=lot.pk).update(seal=text, seal_signature=signing.sign(text.encode()))
    assert refreshed.lot.header_hash == old_header


def test_a_record_sealed_before_version_two_still_verifies_and_its_old_fields_stay_guarded(lot):
    _seal_as_version_one(lot)
    assert services.verify_lot(lot=Lot.objects.get(pk=lot.pk)) == []
    call_command("trace_verify", stdout=open("/dev/null", "w"))
    Lot.objects.filter(pk=lot.pk).update(best_before=lot.best_before + timedelta(days=365))
    _verify_fails(lot)


def test_a_version_one_lot_resealed_by_a_new_publication_keeps_its_header_version(lot):
    _seal_as_version_one(lot)
    lot = Lot.objects.get(pk=lot.pk)
    services.record_event(lot=lot, kind="processing", occurred_at=at(HARVEST + timedelta(days=1)), step="drying")
    services.publish_lot(lot=lot)
    assert json.loads(Lot.objects.get(pk=lot.pk).seal)["header_v"] == "ocop-trace-1"
    call_command("trace_verify", stdout=open("/dev/null", "w"))
