"""Writes sent again and again from a phone on a weak link are accepted once (the idempotency store),
and an entry that waited while the co-op published the lot becomes a draft correction, never lost."""

import json
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from offline.idempotency import forget_old_requests
from offline.models import SentRequest
from tests.factories import ProducerFactory, ProductFactory
from tests.traceability.conftest import HARVEST, build_lot, gtin13
from traceability import services
from traceability.models import DiaryEvent

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def producer_user():
    producer = ProducerFactory()
    user = get_user_model().objects.create_user("ho-chu-che", "chuche@example.vn", "mat-khau-2026")
    producer.users.add(user)
    return producer, user


@pytest.fixture
def draft_lot(producer_user):
    producer, _user = producer_user
    product = ProductFactory(upc=gtin13(), producer=producer, categories=None)
    return build_lot(product=product, publish=False, code="OFF-1")


def _entry(**extra):
    fields = {"kind": "planting", "occurred_at": f"{HARVEST:%Y-%m-%d}T09:30", "note": "Trời mưa nhẹ, chưa hái"}
    fields.update(extra)
    return fields


def _send(client, path, data, key):
    return client.post(path, data, HTTP_IDEMPOTENCY_KEY=key, HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def test_a_diary_entry_sent_three_times_with_one_key_is_kept_once(client, producer_user, draft_lot):
    client.force_login(producer_user[1])
    key = str(uuid.uuid4())
    path = f"/trace/diary/{draft_lot.pk}/"
    before = draft_lot.events.count()
    answers = [_send(client, path, _entry(seen_sequence="0"), key) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [201, 201, 201]
    assert draft_lot.events.count() == before + 1
    first = json.loads(answers[0].content)
    assert all(json.loads(answer.content) == first for answer in answers[1:])
    assert "Idempotent-Replayed" not in answers[0] and answers[2]["Idempotent-Replayed"] == "true"
    assert DiaryEvent.objects.get(pk=first["event"]).note == "Trời mưa nhẹ, chưa hái"


def test_entries_with_different_keys_or_no_key_are_all_kept(client, producer_user, draft_lot):
    client.force_login(producer_user[1])
    path = f"/trace/diary/{draft_lot.pk}/"
    before = draft_lot.events.count()
    _send(client, path, _entry(), str(uuid.uuid4()))
    _send(client, path, _entry(), str(uuid.uuid4()))
    client.post(path, _entry())
    assert draft_lot.events.count() == before + 3


def test_a_replayed_stock_change_answers_as_the_first_and_does_not_undo_a_later_one(client, producer_user):
    producer, user = producer_user
    product = ProductFactory(upc=gtin13(), producer=producer, categories=None)
    record = StockRecord.objects.get(product=product, partner=producer)
    client.force_login(user)
    path = f"/portal/products/{product.pk}/stock/"
    first_key = str(uuid.uuid4())
    assert _send(client, path, {"stock": "12"}, first_key).json()["stock"] == 12
    assert _send(client, path, {"stock": "9"}, str(uuid.uuid4())).status_code == 200
    late_copy = _send(client, path, {"stock": "12"}, first_key)
    assert late_copy.status_code == 200 and late_copy["Idempotent-Replayed"] == "true"
    record.refresh_from_db()
    assert record.num_in_stock == 9
    assert SentRequest.objects.filter(user=user).count() == 2


def test_a_refused_change_is_kept_refused_and_explained(client, producer_user):
    producer, user = producer_user
    product = ProductFactory(upc=gtin13(), producer=producer, categories=None)
    client.force_login(user)
    key = str(uuid.uuid4())
    path = f"/portal/products/{product.pk}/stock/"
    for _ in range(2):
        answer = _send(client, path, {"stock": "-3"}, key)
        assert answer.status_code == 400 and "số nguyên" in answer.json()["error"]


def test_one_key_cannot_stand_for_another_request_or_be_malformed(client, producer_user, draft_lot):
    producer, user = producer_user
    product = ProductFactory(upc=gtin13(), producer=producer, categories=None)
    client.force_login(user)
    key = str(uuid.uuid4())
    assert _send(client, f"/portal/products/{product.pk}/stock/", {"stock": "4"}, key).status_code == 200
    before = draft_lot.events.count()
    reused = _send(client, f"/trace/diary/{draft_lot.pk}/", _entry(), key)
    assert reused.status_code == 422 and draft_lot.events.count() == before
    assert _send(client, f"/portal/products/{product.pk}/stock/", {"stock": "4"}, "x y").status_code == 400


def test_keys_belong_to_their_user(client, producer_user):
    producer, user = producer_user
    helper = get_user_model().objects.create_user("con-gai", "congai@example.vn", "mat-khau-2026")
    producer.users.add(helper)
    product = ProductFactory(upc=gtin13(), producer=producer, categories=None)
    key = str(uuid.uuid4())
    for person, stock in ((user, "5"), (helper, "6")):
        client.force_login(person)
        answer = _send(client, f"/portal/products/{product.pk}/stock/", {"stock": stock}, key)
        assert "Idempotent-Replayed" not in answer
    assert StockRecord.objects.get(product=product, partner=producer).num_in_stock == 6


def test_an_entry_that_waited_while_the_lot_was_published_becomes_a_draft_correction(
    client, producer_user, draft_lot
):
    client.force_login(producer_user[1])
    seen = client.get(f"/trace/diary/{draft_lot.pk}/").context["seen_sequence"]
    assert seen == 0
    services.publish_lot(lot=draft_lot)  # the co-op, while the phone had no signal
    harvest = draft_lot.events.get(kind="harvest")
    late = _send(
        client,
        f"/trace/diary/{draft_lot.pk}/",
        _entry(kind="harvest", quantity="46", quantity_unit="kg", note="Cân lại: 46 kg", seen_sequence=str(seen)),
        str(uuid.uuid4()),
    )
    assert late.status_code == 201
    correction = DiaryEvent.objects.get(pk=late.json()["event"])
    assert late.json()["corrects"] == harvest.pk and correction.corrects == harvest
    assert not correction.is_published and correction.quantity == 46 and correction.note == "Cân lại: 46 kg"
    assert "bản sửa" in late.json()["message"]
    harvest.refresh_from_db()
    assert harvest.quantity == 50


def test_an_unrelated_entry_after_publication_is_a_new_draft_with_the_reason(client, producer_user, draft_lot):
    client.force_login(producer_user[1])
    services.publish_lot(lot=draft_lot)
    late = _send(client, f"/trace/diary/{draft_lot.pk}/", _entry(seen_sequence="0"), str(uuid.uuid4()))
    event = DiaryEvent.objects.get(pk=late.json()["event"])
    assert event.corrects is None and not event.is_published
    assert "đã được công bố" in late.json()["message"]


def test_old_keys_are_forgotten(client, producer_user):
    producer, user = producer_user
    product = ProductFactory(upc=gtin13(), producer=producer, categories=None)
    client.force_login(user)
    _send(client, f"/portal/products/{product.pk}/stock/", {"stock": "3"}, str(uuid.uuid4()))
    assert forget_old_requests(now=timezone.now() + timedelta(days=29)) == 0
    assert forget_old_requests(now=timezone.now() + timedelta(days=31)) == 1
    call_command("forget_sent_requests", stdout=open("/dev/null", "w"))
