"""Compliance rules on a lot's record, each passing and failing, and publication blocked on failure."""

from datetime import date

import pytest
from django.utils import translation

from traceability import services
from traceability.models import Lot

from .conftest import HARVEST, build_lot, certificate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The checks' messages are read in English here (the Vietnamese ones are tested on the diary page)."""
    with translation.override("en"):
        yield


def _messages(lot):
    return [(c.rule, c.ok, c.message) for c in services.compliance_checks(lot=lot)]


def test_spray_outside_the_interval_passes_with_a_plain_message():
    lot = build_lot(spray_days_before=12, phi=7, publish=False)
    assert ("phi", True, "last spray (Bt sinh học) 12 days before harvest, interval 7 days ✔") in _messages(
        lot
    )
    services.publish_lot(lot=lot)
    assert Lot.objects.get(pk=lot.pk).is_published


def test_spray_inside_the_interval_fails_and_blocks_publication():
    lot = build_lot(spray_days_before=3, phi=7, publish=False)
    assert ("phi", False, "last spray (Bt sinh học) 3 days before harvest, interval 7 days ✘") in _messages(
        lot
    )
    with pytest.raises(services.ComplianceFailed) as failure:
        services.publish_lot(lot=lot)
    assert "3 days before harvest, interval 7 days" in str(failure.value)
    lot.refresh_from_db()
    assert not lot.is_published
    assert not lot.events.exclude(hash="").exists()


def test_a_correction_of_the_spray_date_is_what_counts():
    lot = build_lot(spray_days_before=12, phi=7)
    spray = lot.events.get(kind="input")
    services.correct_event(
        event=spray, note="Ngày phun ghi nhầm", occurred_at=spray.occurred_at.replace(month=4, day=8)
    )
    failing = [c for c in services.compliance_checks(lot=lot) if not c.ok]
    assert [c.message for c in failing] == [
        "last spray (Bt sinh học) 2 days before harvest, interval 7 days ✘"
    ]


def test_certificate_valid_on_the_harvest_date_passes():
    valid = certificate(valid_from=date(2025, 1, 1), valid_to=date(2026, 12, 31))
    lot = build_lot(certificates=[valid], publish=False)
    checks = [c for c in services.compliance_checks(lot=lot) if c.rule == "certificate"]
    assert [c.ok for c in checks] == [True]
    assert "valid on the harvest date 10/04/2026" in checks[0].message


def test_certificate_valid_today_but_not_on_the_harvest_date_fails():
    renewed_later = certificate(valid_from=date(2026, 5, 1), valid_to=date(2029, 4, 30))
    lot = build_lot(certificates=[renewed_later], publish=False)
    checks = [c for c in services.compliance_checks(lot=lot) if c.rule == "certificate"]
    assert [c.ok for c in checks] == [False]
    assert "NOT valid on the harvest date 10/04/2026" in checks[0].message
    with pytest.raises(services.ComplianceFailed):
        services.publish_lot(lot=lot)


def test_lab_results_within_limits_pass():
    lot = build_lot(
        analytes=[{"name": "Chlorpyrifos", "result": "0.01", "limit": "0.05", "unit": "mg/kg"}], publish=False
    )
    assert ("lab", True, "Chlorpyrifos: 0.01 mg/kg, limit 0.05 mg/kg ✔") in _messages(lot)


def test_lab_result_over_its_limit_fails_and_blocks_publication():
    lot = build_lot(
        analytes=[
            {"name": "Chlorpyrifos", "result": "0.01", "limit": "0.05", "unit": "mg/kg"},
            {"name": "Cypermethrin", "result": "0.9", "limit": "0.5", "unit": "mg/kg"},
        ],
        publish=False,
    )
    assert ("lab", False, "Cypermethrin: 0.9 mg/kg, limit 0.5 mg/kg ✘") in _messages(lot)
    with pytest.raises(services.ComplianceFailed) as failure:
        services.publish_lot(lot=lot)
    assert [c.message for c in failure.value.checks] == ["Cypermethrin: 0.9 mg/kg, limit 0.5 mg/kg ✘"]


def test_a_lot_without_any_harvest_cannot_be_published():
    lot = build_lot(publish=False, spray_days_before=None)
    lot.events.filter(kind="harvest").delete()
    services.update_lot(lot=lot, harvested_on=None)
    with pytest.raises(services.ComplianceFailed) as failure:
        services.publish_lot(lot=lot)
    assert "no harvest recorded" in str(failure.value)


def test_harvest_date_of_the_lot_is_used_when_no_harvest_event():
    lot = build_lot(publish=False, spray_days_before=10, phi=14)
    lot.events.filter(kind="harvest").delete()
    assert ("phi", False, "last spray (Bt sinh học) 10 days before harvest, interval 14 days ✘") in _messages(
        lot
    )
    assert HARVEST == lot.harvested_on
