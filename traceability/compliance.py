"""Compliance checks on a lot's record, in words a buyer and a producer both understand.

Three rules, each checked on the record as corrected (an event replaced by a correction no
longer counts, its correction does):

* the harvest respects the pre-harvest interval (PHI) of every spray before it;
* each certificate the lot claims was valid on the harvest date, not merely today;
* every lab result is within its limit.

A failing check blocks publication (``services.publish_lot``) and is shown on the trace page.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DiaryEvent
from .units import in_reader_language

PASS_MARK = "✔"
FAIL_MARK = "✘"


@dataclass(frozen=True)
class Check:
    """One rule applied to one thing (a spray, a certificate, an analyte), with a plain message."""

    rule: str
    ok: bool
    message: str

    @property
    def mark(self) -> str:
        return PASS_MARK if self.ok else FAIL_MARK


def effective_events(events) -> list:
    """The events that count: drop every event that a later event corrects."""
    corrected = {e.corrects_id for e in events if e.corrects_id}
    return [e for e in events if e.id not in corrected]


def local_day(moment):
    return timezone.localtime(moment).date()


def harvest_days(lot, events) -> list:
    """The days this lot was harvested: its harvest events, else the lot's harvest date."""
    days = sorted({local_day(e.occurred_at) for e in events if e.kind == DiaryEvent.Kind.HARVEST})
    if not days and lot.harvested_on:
        days = [lot.harvested_on]
    return days


def check_pre_harvest_intervals(lot, events) -> list[Check]:
    harvests = harvest_days(lot, events)
    sprays = [
        e for e in events
        if e.kind == DiaryEvent.Kind.INPUT and e.pre_harvest_interval_days is not None
    ]
    checks = []
    for harvest in harvests:
        before = [s for s in sprays if local_day(s.occurred_at) <= harvest]
        if not before:
            continue
        last = max(before, key=lambda s: s.occurred_at)
        for spray in before:
            days = (harvest - local_day(spray.occurred_at)).days
            ok = days >= spray.pre_harvest_interval_days
            if spray is last:
                text = _("last spray (%(product)s) %(days)s days before harvest, interval %(phi)s days")
            else:
                text = _("spray (%(product)s) %(days)s days before harvest, interval %(phi)s days")
            message = text % {
                "product": in_reader_language(spray.input_product, spray.input_product_en)
                or spray.get_input_kind_display(),
                "days": days,
                "phi": spray.pre_harvest_interval_days,
            }
            checks.append(Check("phi", ok, f"{message} {PASS_MARK if ok else FAIL_MARK}"))
    return checks


def check_certificates(lot, events, certificates) -> list[Check]:
    harvests = harvest_days(lot, events)
    checks = []
    for certificate in certificates:
        if not harvests:
            checks.append(Check("certificate", False, _("%(certificate)s: no harvest date to check against")
                                % {"certificate": certificate}))
            continue
        for harvest in harvests:
            ok = certificate.is_valid_on(harvest)
            text = (
                _("%(certificate)s valid on the harvest date %(day)s (%(start)s – %(end)s)")
                if ok
                else _("%(certificate)s NOT valid on the harvest date %(day)s (%(start)s – %(end)s)")
            )
            message = text % {
                "certificate": certificate, "day": harvest.strftime("%d/%m/%Y"),
                "start": certificate.valid_from.strftime("%d/%m/%Y"),
                "end": certificate.valid_to.strftime("%d/%m/%Y"),
            }
            checks.append(Check("certificate", ok, f"{message} {PASS_MARK if ok else FAIL_MARK}"))
    return checks


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


def check_lab_results(lot, events) -> list[Check]:
    checks = []
    for event in events:
        if event.kind != DiaryEvent.Kind.LAB_TEST:
            continue
        for analyte in event.analytes or []:
            result, limit = _number(analyte.get("result")), _number(analyte.get("limit"))
            ok = result is not None and limit is not None and result <= limit
            message = _("%(name)s: %(result)s %(unit)s, limit %(limit)s %(unit)s") % {
                "name": analyte.get("name", "?"), "result": analyte.get("result", "?"),
                "limit": analyte.get("limit", "?"), "unit": analyte.get("unit", ""),
            }
            checks.append(Check("lab", ok, f"{message} {PASS_MARK if ok else FAIL_MARK}"))
    return checks


def check_lot(record) -> list[Check]:
    """Every compliance check of a lot's ``record`` (a ``records.LotRecord``): its events and claimed certificates."""
    lot = record.lot
    events = effective_events(record.events)
    checks = []
    if not harvest_days(lot, events) and not record.inputs:
        checks.append(Check("harvest", False, _("no harvest recorded") + f" {FAIL_MARK}"))
    checks += check_pre_harvest_intervals(lot, events)
    checks += check_certificates(lot, events, record.certificates)
    checks += check_lab_results(lot, events)
    return checks
