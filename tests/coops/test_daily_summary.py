"""The co-op's morning e-mail counts parcels to pack and ship, late orders and yesterday's sales."""

import io
import logging
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from oscar.core.loading import get_model

from tests.fulfilment_orders import paid_order
from tests.smtp_server import smtp_server  # noqa: F401  (fixture)

Line = get_model("order", "Line")
Email = get_model("communication", "Email")
CommunicationEventType = get_model("communication", "CommunicationEventType")

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
    logged = Email.objects.get(email=ours.user.email, subject=ours_mail.subject)
    assert logged.user == ours.user and "Đơn cần đóng gói: 2" in logged.body_text


def test_staff_edit_the_summary_text_in_the_dashboard(ours):
    CommunicationEventType.objects.update_or_create(
        code="COOP_DAILY_SUMMARY",
        defaults={"name": "Co-op's morning summary", "category": CommunicationEventType.USER_RELATED,
                  "email_subject_template": "{{ coop.name }}: việc hôm nay",
                  "email_body_template": "Cần đóng gói {{ work.to_pack|length }} đơn."},
    )
    call_command("coop_daily_summary", "--coop", ours.coop.slug, stdout=io.StringIO())
    (sent,) = [m for m in mail.outbox if m.to == [ours.user.email]]
    assert sent.subject == f"{ours.coop.name}: việc hôm nay" and sent.body == "Cần đóng gói 1 đơn."


def test_a_refusing_mail_server_is_logged_and_the_job_still_ends(ours, smtp_server, caplog):  # noqa: F811
    with caplog.at_level(logging.WARNING, logger="orders.notifications"):
        call_command("coop_daily_summary", "--coop", ours.coop.slug, stdout=io.StringIO())
    assert smtp_server.refusals >= 1 and "not sent" in caplog.text
    assert not Email.objects.filter(email=ours.user.email).exists()  # the log holds only mail sent

    smtp_server.refusing = False
    call_command("coop_daily_summary", "--coop", ours.coop.slug, stdout=io.StringIO())
    (received,) = smtp_server.received
    assert received["To"] == ours.user.email and ours.coop.name in received["Subject"]
    assert Email.objects.filter(email=ours.user.email).count() == 1


def test_a_co_op_without_users_or_address_gets_nothing(ours):
    ours.coop.users.clear()
    call_command("coop_daily_summary", "--coop", ours.coop.slug, stdout=io.StringIO())
    assert mail.outbox == []
