import pytest

from tests.processes import free_port


class Inbox:
    """An SMTP server's mailbox: every message it accepted, as aiosmtpd's envelopes."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free port of localhost; yields (port, inbox)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


@pytest.fixture
def queued_mail(settings, database_tasks):
    """The shop's own mail path (pytest-django replaces EMAIL_BACKEND with its outbox)."""
    settings.EMAIL_BACKEND = "jobs.mail.QueuedEmailBackend"
