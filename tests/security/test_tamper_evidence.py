"""Tampering with a published record in the database or on disk, as an attacker with write access would.

Each case is caught by ``trace_verify`` (non-zero exit naming the lot) and turns the trace page's
"record intact" off; the seal's signature is checked with the public key from the well-known URL.
"""

import base64
import json
from datetime import date, timedelta

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from shop.private_files import private_storage
from tests.portal import images
from tests.traceability.conftest import at, build_lot, certificate
from traceability import records, services
from traceability.models import DiaryEvent, EventFile, Lot

pytestmark = pytest.mark.django_db


@pytest.fixture
def lot(db):
    """A published lot with a certificate, a lab report PDF, and a published correction as its last entry."""
    vietgap = certificate(valid_from=date(2025, 1, 1), valid_to=date(2027, 1, 1))
    lot = build_lot(certificates=[vietgap], publish=False)
    report = services.record_event(
        lot=lot, kind="lab_test", occurred_at=at(lot.harvested_on + timedelta(days=2)),
        laboratory="Phòng thử nghiệm", analytes=[{"name": "Pb", "result": "0.01", "limit": "0.3", "unit": "mg/kg"}],
    )
    services.attach_file(event=report, upload=SimpleUploadedFile("ket-qua.pdf", images.PDF_DOCUMENT))
    services.publish_lot(lot=lot)
    spray = lot.events.get(kind="input")
    services.correct_event(event=spray, note="Liều đúng là 15 ml", dose="15 ml/bình")
    return services.publish_lot(lot=lot)


def _trace_page(lot) -> str:
    lot = Lot.objects.get(pk=lot.pk)
    response = Client().get(f"/01/{lot.gtin}/10/{lot.code}")
    return response.content.decode() if response.status_code == 200 else ""


def _verify_fails(lot) -> str:
    with pytest.raises(CommandError) as failure:
        call_command("trace_verify", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    assert f"{lot.gtin}/{lot.code}" in str(failure.value)
    return str(failure.value)


def test_an_untouched_record_verifies_and_says_intact(lot):
    call_command("trace_verify", stdout=open("/dev/null", "w"))
    assert services.verify_lot(lot=lot) == []
    page = _trace_page(lot)
    assert 'data-record-status="intact"' in page and 'data-signature="verified"' in page


def _edit_event(lot):
    DiaryEvent.objects.filter(lot=lot, kind="harvest").update(note="Hái máy")


def _edit_header(lot):
    Lot.objects.filter(pk=lot.pk).update(best_before=lot.best_before + timedelta(days=365))


def _delete_last_event(lot):
    last = lot.events.order_by("-sequence").first()
    assert last.corrects_id, "the last entry is the correction"
    last.delete()


def _forge_certificate(lot):
    lot.certificates.update(valid_to=date(2030, 1, 1), issuer="Tổ chức khác")


def _unpublish(lot):
    Lot.objects.filter(pk=lot.pk).update(published_at=None)


def _recompute_chain(lot):
    """Change the spray's dose, then recompute every hash and re-sign the seal with a key of one's own."""
    DiaryEvent.objects.filter(lot=lot, kind="input", corrects__isnull=True).update(dose="1 ml/bình")
    record = services.lot_record(lot.pk)
    Lot.objects.filter(pk=lot.pk).update(header_hash=records.header_hash(record))
    record = services.lot_record(lot.pk)
    previous, hashes = record.lot.header_hash, {}
    for event in sorted((e for e in record.events if e.sequence), key=lambda e: e.sequence):
        event.previous_hash = previous
        event.hash = records.event_hash(event, corrected_hash=hashes.get(event.corrects_id, ""))
        DiaryEvent.objects.filter(pk=event.pk).update(previous_hash=event.previous_hash, hash=event.hash)
        hashes[event.pk] = previous = event.hash
    record = services.lot_record(lot.pk)
    sealed = json.loads(record.lot.seal)
    sealed.update(records.seal_content(record), certificates=sealed["certificates"])
    text = json.dumps(sealed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    forged = base64.urlsafe_b64encode(Ed25519PrivateKey.generate().sign(text.encode())).rstrip(b"=").decode()
    Lot.objects.filter(pk=lot.pk).update(seal=text, seal_signature=forged)
    assert [p for p in records.verify(services.lot_record(lot.pk)) if "seal" not in p.reason] == []


def _overwrite_lab_report(lot):
    attached = EventFile.objects.get(event__lot=lot, kind="document")
    path = private_storage().path(attached.file.name)
    with open(path, "wb") as handle:
        handle.write(images.PDF_DOCUMENT.replace(b"/Count 0", b"/Count 1"))


TAMPERING = {
    "edited-event": _edit_event,
    "edited-lot-header": _edit_header,
    "deleted-last-event": _delete_last_event,
    "forged-certificate": _forge_certificate,
    "unpublished-lot": _unpublish,
    "recomputed-chain": _recompute_chain,
    "overwritten-file": _overwrite_lab_report,
}


@pytest.mark.parametrize("case", list(TAMPERING))
def test_tampering_is_detected(lot, case):
    TAMPERING[case](lot)
    _verify_fails(lot)
    if case == "overwritten-file":
        # Files are hashed by trace_verify and when served, not on every render of the page.
        attached = EventFile.objects.get(event__lot=lot, kind="document")
        assert Client().get(f"/trace/files/{attached.pk}/").status_code == 410
    else:
        assert 'data-record-status="intact"' not in _trace_page(lot)


def test_the_trace_page_says_intact_only_when_the_signature_verifies(lot, settings):
    settings.TRACE_SIGNING_KEY = base64.b64encode(b"\x01" * 32).decode()  # another shop's key
    page = _trace_page(lot)
    assert 'data-record-status="broken"' in page and 'data-signature="verified"' not in page


def test_anyone_can_check_the_seal_offline_with_the_published_key(lot):
    keys = Client().get("/.well-known/trace-signing-key").json()["keys"]
    raw = base64.urlsafe_b64decode(keys[0]["x"] + "==")
    public = Ed25519PublicKey.from_public_bytes(raw)
    lot = Lot.objects.get(pk=lot.pk)
    signature = base64.urlsafe_b64decode(lot.seal_signature + "==")
    public.verify(signature, lot.seal.encode())
    sealed = json.loads(lot.seal)
    assert sealed["events"] == lot.events.filter(sequence__isnull=False).count()
    assert sealed["head"] == lot.events.order_by("-sequence").first().hash
    with pytest.raises(InvalidSignature):
        public.verify(signature, lot.seal.replace("2027-01-01", "2030-01-01").encode())
