"""The tamper-evident record: append-only once published, corrections as new events, trace_verify."""

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper

from traceability import services
from traceability.models import DiaryEvent, Lot

from .conftest import at, build_lot

pytestmark = pytest.mark.django_db


def test_publication_chains_every_event_to_the_previous_one(published_lot):
    events = list(published_lot.events.order_by("sequence"))
    assert [e.sequence for e in events] == [1, 2]
    assert events[0].previous_hash == published_lot.header_hash
    assert events[1].previous_hash == events[0].hash
    assert all(len(e.hash) == 64 for e in events)
    assert services.verify_lot(lot=published_lot) == []


def test_published_events_cannot_be_edited_or_deleted(published_lot):
    event = published_lot.events.first()
    with pytest.raises(services.RecordLocked):
        services.update_draft_event(event=event, note="sửa")
    with pytest.raises(services.RecordLocked):
        services.delete_draft_event(event=event)
    with pytest.raises(services.RecordLocked):
        services.update_lot(lot=published_lot, best_before=None)


def test_a_correction_is_a_new_event_appended_to_the_chain(published_lot):
    spray = published_lot.events.get(kind="input")
    correction = services.correct_event(event=spray, note="Liều đúng là 15 ml", dose="15 ml/bình")
    assert correction.corrects == spray and not correction.is_published
    services.publish_lot(lot=published_lot)
    correction.refresh_from_db()
    spray.refresh_from_db()
    assert correction.sequence == 3 and spray.dose == "20 ml/bình" and correction.dose == "15 ml/bình"
    assert services.verify_lot(lot=published_lot) == []


def test_new_drafts_on_a_published_lot_wait_for_publication(published_lot):
    draft = services.record_event(
        lot=published_lot, kind="shipping", occurred_at=at(published_lot.harvested_on)
    )
    assert draft.sequence is None
    services.update_draft_event(event=draft, note="Gửi Hà Nội")
    services.publish_lot(lot=published_lot)
    draft.refresh_from_db()
    assert draft.sequence == 3 and draft.previous_hash == published_lot.events.get(sequence=2).hash


def _verify():
    errors = []

    class Collect(OutputWrapper):
        def write(self, msg="", style_func=None, ending=None):
            errors.append(msg)

    call_command(
        "trace_verify", stdout=Collect(open("/dev/null", "w")), stderr=Collect(open("/dev/null", "w"))
    )
    return errors


def test_trace_verify_passes_on_intact_records(published_lot):
    assert any("every record intact" in line for line in _verify())


def test_trace_verify_names_lot_and_event_of_an_edited_row(published_lot):
    harvest = published_lot.events.get(kind="harvest")
    DiaryEvent.objects.filter(pk=harvest.pk).update(quantity="500")
    with pytest.raises(CommandError) as failure:
        call_command("trace_verify")
    message = str(failure.value)
    assert f"lot {published_lot.gtin}/{published_lot.code}" in message
    assert f"event {harvest.pk}" in message and "content differs from its hash" in message


def test_trace_verify_catches_a_deleted_event_and_an_edited_lot(published_lot):
    other = build_lot(code="L26-2")
    DiaryEvent.objects.filter(lot=published_lot, sequence=1).delete()
    Lot.objects.filter(pk=other.pk).update(harvested_on=other.harvested_on.replace(day=1))
    with pytest.raises(CommandError):
        call_command("trace_verify")
    problems = services.verify_lot(lot=published_lot)
    assert "previous hash does not match" in str(problems[0]) or "position" in str(problems[0])
    assert "header" in str(services.verify_lot(lot=other)[0])
