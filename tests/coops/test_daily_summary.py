"""The co-op's morning e-mail counts parcels to pack and ship, late orders and yesterday's sales."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from tests.fulfilment_orders import paid_order

Line = get_model("order", "Line")

pytestmark = pytest.mark.django_db


def test_the_daily_summary_reaches_every_co_op_user_with_the_counts(ours, theirs):
    late = paid_order(ours.product)
    three_days_ago = timezone.now() - timedelta(days=3)
    late.status_changes.update(date_created=three_days_ago)
    yesterday = timezone.now() - timedelta(days=1)
    ours.order.status_changes.update(date_created=yesterday)
    Line.objects.filter(order=ours.order).update(line_price_incl_tax=Decimal(450000))
    call_command("coop_daily_summary", stdout=io.StringIO())
    ours_mail = next(m for m in mail.outbox if m.to == [ours.user.email])
    assert ours.coop.name in ours_mail.subject
    # Co-ops get their summary in Vietnamese.
    assert "Đơn cần đóng gói: 2" in ours_mail.body
    assert "Đơn cần gửi đi: 0" in ours_mail.body
    assert late.number in ours_mail.body
    assert "450.000" in ours_mail.body or "450,000" in ours_mail.body
    assert any(m.to == [theirs.user.email] for m in mail.outbox)


def test_a_co_op_without_users_or_address_gets_nothing(ours):
    ours.coop.users.clear()
    call_command("coop_daily_summary", "--coop", ours.coop.slug, stdout=io.StringIO())
    assert mail.outbox == []
