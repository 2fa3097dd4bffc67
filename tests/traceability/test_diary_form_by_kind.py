"""The diary form asks, for each kind of entry, only for what that kind records, and keeps only that."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import ProducerFactory, ProductFactory
from traceability.forms import FIELDS_BY_KIND

from .conftest import build_lot, gtin13

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer_lot(client):
    producer = ProducerFactory()
    user = get_user_model().objects.create_user("ho-b", "ho-b@example.vn", "mat-khau-1")
    producer.users.add(user)
    client.force_login(user)
    return build_lot(product=ProductFactory(upc=gtin13(), producer=producer, categories=None), code="KIND-1")


def test_each_field_names_the_kinds_that_use_it(client, producer_lot):
    html = client.get(f"/trace/diary/{producer_lot.pk}/").content.decode()
    assert 'name="dose"' in html and 'data-event-kinds="input"' in html
    assert 'name="laboratory"' in html and 'data-event-kinds="lab_test"' in html
    assert 'data-event-kinds="planting input harvest packing shipping"' in html  # quantity
    assert 'src="/static/traceability/diary_form.js"' in html or "traceability/diary_form" in html


def test_values_typed_under_another_kind_are_not_saved(client, producer_lot):
    response = client.post(f"/trace/diary/{producer_lot.pk}/", {
        "kind": "harvest", "occurred_at": "2026-05-02T07:30", "quantity": "40", "quantity_unit": "kg",
        "note": "Hái sáng", "note_en": "Picked in the morning",
        "dose": "2 tấn/ha", "laboratory": "Phòng thí nghiệm", "step": "drying", "measurement": "4",
    })
    assert response.status_code == 302
    event = producer_lot.events.get(note="Hái sáng")
    assert (event.quantity, event.quantity_unit, event.note_en) == (40, "kg", "Picked in the morning")
    assert (event.dose, event.laboratory, event.step, event.measurement) == ("", "", "", None)


def test_every_kind_of_entry_keeps_notes_and_at_most_its_own_fields():
    assert set(FIELDS_BY_KIND) == {"planting", "input", "harvest", "processing", "lab_test", "packing", "shipping"}
    assert "pre_harvest_interval_days" in FIELDS_BY_KIND["input"]
    assert all("pre_harvest_interval_days" not in names for kind, names in FIELDS_BY_KIND.items() if kind != "input")
