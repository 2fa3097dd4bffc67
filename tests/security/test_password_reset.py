"""Password resets: the link names the shop's real domain, answers never tell who has an account,
and requests are limited per address and per client in the shared cache."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from shop.sites import sync_site_with_settings

pytestmark = pytest.mark.django_db
RESET = "/en/shop/password-reset/"


@pytest.fixture
def customer(db):
    return get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-2026")


def _ask(email: str, *, address: str = "203.0.113.5"):
    return Client(REMOTE_ADDR=address).post(RESET, {"email": email})


def test_the_reset_email_links_to_the_shops_own_domain(customer, settings):
    settings.SITE_URL = "https://cho.ankhanh.example"
    settings.OSCAR_URL_SCHEMA = "https"
    sync_site_with_settings()
    assert Site.objects.get_current().domain == "cho.ankhanh.example"
    _ask("lan@example.vn")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@example.vn"]
    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert links and all(link.startswith("https://cho.ankhanh.example/") for link in links)
    assert "example.com" not in mail.outbox[0].body
    assert "/password-reset/confirm/" in links[0]


def test_migrate_sets_the_site_from_site_url():
    """The test database was made by migrate: its Site already follows SITE_URL, not example.com."""
    from django.conf import settings

    site = Site.objects.get(pk=settings.SITE_ID)
    assert site.domain == settings.SITE_URL.split("://", 1)[1].rstrip("/")
    assert site.domain != "example.com"


def test_known_and_unknown_addresses_get_the_same_answer(customer):
    known, unknown = _ask("lan@example.vn"), _ask("nobody@example.vn", address="203.0.113.6")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done_known = Client().get(known["Location"]).content
    done_unknown = Client().get(unknown["Location"]).content
    assert _without_tokens(done_known) == _without_tokens(done_unknown)
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]


def _without_tokens(page: bytes) -> bytes:
    return re.sub(rb'(value|nonce)="[^"]*"', b"", page)


def test_known_and_unknown_addresses_cost_the_request_the_same_work(customer, database_tasks):
    """With the task worker, the request only queues the sending: the same queries either way."""
    def queries(email, address):
        client = Client(REMOTE_ADDR=address)
        client.get(RESET)
        with CaptureQueriesContext(connection) as captured:
            assert client.post(RESET, {"email": email}).status_code == 302
        return [re.sub(r"'[^']*'|\"s\d+_x\d+\"|\b\d+\b", "?", q["sql"]) for q in captured.captured_queries]

    known = queries("lan@example.vn", "203.0.113.7")
    assert known == queries("nobody@example.vn", "203.0.113.8")
    assert any(q.startswith("INSERT") and "task" in q for q in known)  # the one queued sending
    assert mail.outbox == []  # sent by the worker, not the request


@pytest.mark.parametrize("email", ["lan@example.vn", "nobody@example.vn"])
def test_resets_are_limited_per_address_the_same_for_known_and_unknown(customer, settings, email):
    settings.PASSWORD_RESET_PER_ADDRESS = 2
    for number in range(2):
        assert _ask(email, address=f"198.51.100.{number}").status_code == 302
    refused = _ask(email.upper(), address="198.51.100.9")
    assert refused.status_code == 200
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == (2 if email.startswith("lan") else 0)


def test_resets_are_limited_per_client_address(customer, settings):
    settings.PASSWORD_RESET_PER_CLIENT = 3
    for number in range(3):
        assert _ask(f"someone{number}@example.vn").status_code == 302
    assert "Too many password reset requests" in _ask("lan@example.vn").content.decode()
    assert mail.outbox == []
    assert _ask("lan@example.vn", address="192.0.2.1").status_code == 302


def test_the_page_editor_sends_editors_to_the_one_reset_page():
    assert Client().get("/cms-admin/password_reset/").status_code == 404
