"""E-mail leaves through the task worker: the request only queues it, and survives a dead mail server."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.mail import deliver_email, message_to_json
from tests.processes import free_port, production_env, run_worker_batch

pytestmark = pytest.mark.django_db(transaction=True)

DELIVER = "jobs.mail.deliver_email"


def _ask_for_password_reset(client) -> None:
    get_user_model().objects.create_user(username="lan", email="lan@example.vn", password="chè-ngon-2025")
    response = client.post(reverse("password-reset"), {"email": "lan@example.vn"})
    assert response.status_code == 302


def test_the_request_queues_the_mail_and_the_worker_sends_it(client, queued_mail, smtp_server):
    port, inbox = smtp_server
    _ask_for_password_reset(client)

    assert inbox.messages == [] and mail.outbox == []
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"]

    run_worker_batch(production_env(EMAIL_URL=f"smtp://127.0.0.1:{port}"))

    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["lan@example.vn"]
    assert b"/shop/password-reset/" in envelope.content
    assert DBTaskResult.objects.get(task_path=DELIVER).status == "SUCCESSFUL"


def test_with_the_mail_server_down_the_request_succeeds_and_the_worker_tries_again_later(client, queued_mail):
    nobody_listens = free_port()
    _ask_for_password_reset(client)

    run_worker_batch(production_env(EMAIL_URL=f"smtp://127.0.0.1:{nobody_listens}"))

    first, retry = DBTaskResult.objects.filter(task_path=DELIVER).order_by("enqueued_at")
    assert first.status == "SUCCESSFUL" and first.return_value["failed_attempt"] == 1
    assert "ConnectionRefusedError" in first.return_value["error"]
    assert retry.status == "READY"
    assert retry.args_kwargs["kwargs"] == {"retry_attempt": 2}
    assert timedelta(seconds=50) < retry.run_after - timezone.now() <= timedelta(seconds=60)


def test_a_mail_that_fails_its_last_attempt_is_shown_to_staff_who_can_queue_it_again(
    admin_client, queued_mail
):
    message = mail.EmailMessage("Đơn hàng", "Cảm ơn", "shop@ocop.test", ["lan@example.vn"])
    deliver_email.enqueue(message_to_json(message), retry_attempt=6)

    run_worker_batch(production_env(EMAIL_URL=f"smtp://127.0.0.1:{free_port()}"))

    failed = DBTaskResult.objects.get(task_path=DELIVER)
    assert failed.status == "FAILED"
    page = admin_client.get(reverse("jobs_dashboard:list")).content.decode()
    assert "deliver_email" in page and "ConnectionRefusedError" in page

    response = admin_client.post(reverse("jobs_dashboard:run-again", args=[failed.pk]))
    assert response.status_code == 302
    again = DBTaskResult.objects.exclude(pk=failed.pk).get(task_path=DELIVER)
    assert again.status == "READY" and again.args_kwargs["kwargs"] == {}


def test_the_jobs_page_is_for_staff_only(client, django_user_model):
    user = django_user_model.objects.create_user(username="buyer", email="b@example.vn", password="pw-12345678")
    client.force_login(user)
    response = client.get(reverse("jobs_dashboard:list"))
    assert response.status_code == 302 and "login" in response["Location"]
