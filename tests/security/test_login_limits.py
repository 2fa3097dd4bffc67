"""Every login form of the site, found by walking the URL map, is limited by one shared mechanism."""

import re
from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import URLResolver, get_resolver

pytestmark = pytest.mark.django_db
PASSWORD = "dung-mat-khau-2026"
LOGIN_VIEW_NAMES = ("LoginView", "AuthView")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def login_urls() -> list[str]:
    """Every route without parameters whose view is a login view (by class or by path)."""
    found = set()
    for route, pattern in _walk(get_resolver().url_patterns):
        view = getattr(pattern.callback, "view_class", pattern.callback)
        if "<" in route or "(" in route or "^" in route:
            continue
        if "login" in route or view.__name__.endswith(LOGIN_VIEW_NAMES):
            found.add("/" + route)
    return sorted(found)


LOGIN_URLS = login_urls()


def test_the_walk_finds_every_login_form():
    expected = {"/shop/accounts/login/", "/portal/login/", "/dashboard/login/", "/cms-admin/login/", "/_util/login/"}
    assert expected <= set(LOGIN_URLS), LOGIN_URLS


class _LoginForm(HTMLParser):
    """The fields of the form on the page that holds a password input."""

    def __init__(self):
        super().__init__()
        self.forms, self._current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"fields": {}, "password": None, "username": None}
            self.forms.append(self._current)
        elif tag in ("input", "button") and self._current is not None and attrs.get("name"):
            name, kind = attrs["name"], attrs.get("type", "text")
            if kind == "password":
                self._current["password"] = name
            elif name in ("username", "login-username", "email"):
                self._current["username"] = name
            elif kind == "hidden":
                self._current["fields"][name] = attrs.get("value", "")
            elif kind == "submit" or tag == "button":
                self._current["fields"][name] = attrs.get("value") or "1"

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _form(client: Client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = _LoginForm()
    parser.feed(response.content.decode())
    form = next(f for f in parser.forms if f["password"] and f["username"])
    return form


def _attempt(client, url, password, *, address="203.0.113.7", with_token=True):
    form = _form(client, url)
    data = dict(form["fields"])
    if not with_token:
        data.pop("csrfmiddlewaretoken", None)
    data[form["username"]] = "Staff@Example.VN "
    data[form["password"]] = password
    return client.post(url, data, REMOTE_ADDR=address)


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("staff@example.vn", "staff@example.vn", PASSWORD)


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_a_login_form_locks_after_five_failures_even_for_the_right_password(staff, url):
    client = Client(enforce_csrf_checks=True)
    statuses = [_attempt(client, url, "sai-mat-khau").status_code for _ in range(5)]
    assert 429 not in statuses[:4] and statuses[4] == 429, statuses
    locked = _attempt(client, url, PASSWORD)
    assert locked.status_code == 429
    assert not _logged_in(client)
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    # The lock is on this account from this address only: the owner elsewhere still logs in.
    elsewhere = Client(enforce_csrf_checks=True)
    assert _attempt(elsewhere, url, PASSWORD, address="198.51.100.20").status_code == 302
    assert _logged_in(elsewhere)


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_posts_without_a_csrf_token_do_not_count(staff, url):
    client = Client(enforce_csrf_checks=True)
    for _ in range(8):
        assert _attempt(client, url, "sai-mat-khau", with_token=False).status_code == 403
    assert not AccessAttempt.objects.exists()
    assert _attempt(client, url, PASSWORD).status_code == 302
    assert _logged_in(client)


def test_the_client_address_comes_from_the_trusted_proxy_header_only(staff, settings):
    settings.CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    url = "/portal/login/"
    for number in range(5):
        client = Client(enforce_csrf_checks=True)
        form = _form(client, url)
        data = {**form["fields"], "username": "staff@example.vn", "password": "sai"}
        # Every request comes from the proxy; the client forges a different first address each time.
        client.post(url, data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.2.3.{number}, 203.0.113.9")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    assert _attempt(Client(enforce_csrf_checks=True), url, PASSWORD, address="10.0.0.1").status_code == 302


def test_the_lockout_message_is_in_english_on_english_pages(staff):
    client = Client(enforce_csrf_checks=True)
    for _ in range(5):
        _attempt(client, "/en/portal/login/", "sai")
    locked = _attempt(client, "/en/portal/login/", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed log-in attempts" in page and "reset your password" in page


def test_a_password_reset_ends_the_lockout(staff):
    client = Client(enforce_csrf_checks=True)
    for _ in range(5):
        _attempt(client, "/portal/login/", "sai")
    assert _attempt(client, "/portal/login/", PASSWORD).status_code == 429
    reset = Client()
    reset.post("/en/shop/password-reset/", {"email": "staff@example.vn"})
    link = re.search(r"https?://[^/\s]+(/\S*password-reset/confirm/\S+/)", mail.outbox[-1].body).group(1)
    form_page = reset.get(link, follow=True)
    new_password = "mat-khau-moi-2026"
    reset.post(form_page.request["PATH_INFO"], {"new_password1": new_password, "new_password2": new_password})
    assert get_user_model().objects.get(pk=staff.pk).check_password(new_password)
    assert _attempt(client, "/portal/login/", new_password).status_code == 302
