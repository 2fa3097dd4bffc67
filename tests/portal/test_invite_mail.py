"""The producer's invitation goes through the shop's one sender: editable text, logged, and a refusing
mail server never turns the invitation (already saved) into an error page."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from tests.smtp_server import smtp_server  # noqa: F401  (fixture)

CommunicationEventType = get_model("communication", "CommunicationEventType")
Email = get_model("communication", "Email")

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = get_user_model().objects.create_user("s@ocop.test", "s@ocop.test", "pw-2026-staff", is_staff=True)
    client.force_login(staff)
    return client


def _invite(client, producer, email="moi@producer.test"):
    return client.post(reverse("portal:invite"), {"email": email, "producer": producer.pk})


def test_the_invitation_is_in_vietnamese_and_kept_in_the_mail_log(
    staff_client, producer_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _invite(staff_client, producer_a["producer"]).status_code == 302
    (sent,) = mail.outbox
    assert sent.to == ["moi@producer.test"] and sent.subject.startswith("Mời bạn bán hàng trên")
    assert producer_a["producer"].name in sent.body and "/portal/" in sent.body
    logged = Email.objects.get(email="moi@producer.test")
    assert logged.user == get_user_model().objects.get(email="moi@producer.test")
    assert logged.subject == sent.subject


def test_staff_edit_the_invitation_text_in_the_dashboard_before_the_first_invitation(
    admin_client, producer_a, django_capture_on_commit_callbacks
):
    assert "PRODUCER_INVITE" in admin_client.get(reverse("dashboard:comms-list")).content.decode()
    response = admin_client.post(
        reverse("dashboard:comms-update", kwargs={"slug": "PRODUCER_INVITE"}),
        {"name": "Invitation", "email_subject_template": "Chào {{ producer.name }}",
         "email_body_template": "Vào: {{ link }}", "email_body_html_template": "<p>Vào: {{ link }}</p>"},
    )
    assert response.status_code == 302, response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        _invite(admin_client, producer_a["producer"])
    (sent,) = mail.outbox
    assert sent.subject == f"Chào {producer_a['producer'].name}" and sent.body.startswith("Vào: http")


def test_a_refusing_mail_server_leaves_the_invitation_saved_and_answers_normally(
    staff_client, producer_a, smtp_server, caplog, django_capture_on_commit_callbacks  # noqa: F811
):
    with caplog.at_level(logging.WARNING, logger="orders.notifications"):
        with django_capture_on_commit_callbacks(execute=True):
            response = _invite(staff_client, producer_a["producer"])
    assert response.status_code == 302
    invited = get_user_model().objects.get(email="moi@producer.test")
    assert producer_a["producer"].users.filter(pk=invited.pk).exists()
    assert smtp_server.refusals >= 1 and "PRODUCER_INVITE" in caplog.text
    assert not Email.objects.filter(email="moi@producer.test").exists()
