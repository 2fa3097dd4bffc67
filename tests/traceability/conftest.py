"""Lots with a diary, built through the services the shop uses (publication included)."""

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import ProductFactory
from traceability import gs1, services
from traceability.models import Certificate

_numbers = itertools.count(1)
HARVEST = date(2026, 4, 10)


def gtin13() -> str:
    body = f"893999{next(_numbers):06d}"
    return body + str(gs1.check_digit(body))


def at(day: date, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def certificate(*, valid_from: date, valid_to: date, **extra) -> Certificate:
    return Certificate.objects.create(
        kind=extra.pop("kind", Certificate.Kind.VIETGAP),
        number=f"VG-T-{next(_numbers)}",
        issuer="Trung tâm Chứng nhận",
        valid_from=valid_from,
        valid_to=valid_to,
        **extra,
    )


def build_lot(
    *,
    product=None,
    harvest: date = HARVEST,
    spray_days_before: int | None = 12,
    phi: int = 7,
    certificates=(),
    analytes=None,
    extra_events: int = 0,
    publish: bool = True,
    code: str = "L26-1",
):
    """A tea lot: optional spray, a harvest, optional lab test and ``extra_events`` processing steps."""
    product = product or ProductFactory(upc=gtin13(), title="Chè thử nghiệm", categories=None)
    lot = services.create_lot(
        product=product,
        code=code,
        harvested_on=harvest,
        best_before=harvest + timedelta(days=365),
        quantity=Decimal("50"),
        units_packed=20,
        certificates=certificates,
    )
    if spray_days_before is not None:
        services.record_event(
            lot=lot,
            kind="input",
            occurred_at=at(harvest - timedelta(days=spray_days_before)),
            input_kind="spray",
            input_product="Bt sinh học",
            dose="20 ml/bình",
            pre_harvest_interval_days=phi,
        )
    services.record_event(
        lot=lot,
        kind="harvest",
        occurred_at=at(harvest, 6),
        quantity=Decimal("50"),
        quantity_unit="kg",
        note="Hái tay",
    )
    if analytes is not None:
        services.record_event(
            lot=lot,
            kind="lab_test",
            occurred_at=at(harvest + timedelta(days=3)),
            laboratory="Phòng thử nghiệm",
            analytes=analytes,
        )
    for index in range(extra_events):
        services.record_event(
            lot=lot,
            kind="processing",
            step="drying",
            occurred_at=at(harvest, 7) + timedelta(minutes=index + 1),
            note=f"Sấy lần {index}",
        )
    if publish:
        lot = services.publish_lot(lot=lot)
    return lot


@pytest.fixture
def published_lot(db):
    return build_lot()
