"""Every logout of the site, found by walking the URL resolver, takes a POST with a CSRF token."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import get_resolver, reverse

pytestmark = pytest.mark.django_db


def _logout_urls() -> list[str]:
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif pattern.name and "logout" in pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return sorted(names)


LOGOUT_URLS = _logout_urls()


def test_the_walk_finds_every_logout():
    assert {"customer:logout", "portal:logout", "dashboard:logout", "wagtailadmin_logout"} <= set(LOGOUT_URLS)


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("bien-tap", "bt@example.vn", "mat-khau-2026")


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("name", LOGOUT_URLS)
def test_a_get_does_not_log_out(editor, name):
    client = Client()
    client.force_login(editor)
    response = client.get(reverse(name))
    assert response.status_code == 405
    assert _logged_in(client)


@pytest.mark.parametrize("name", LOGOUT_URLS)
def test_a_post_without_the_csrf_token_does_not_log_out(editor, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(reverse(name)).status_code == 403
    assert _logged_in(client)


@pytest.mark.parametrize("name", LOGOUT_URLS)
def test_a_post_with_the_csrf_token_logs_out(editor, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get("/shop/accounts/", follow=True)  # the page with the header's logout form sets the token
    token = client.cookies["csrftoken"].value
    response = client.post(reverse(name), HTTP_X_CSRFTOKEN=token)
    assert response.status_code in (200, 302)
    assert not _logged_in(client)


def test_the_header_offers_logout_as_a_form_with_the_token(editor):
    client = Client()
    client.force_login(editor)
    page = client.get("/shop/accounts/", follow=True).content.decode()
    logout = reverse("customer:logout")
    form = page[page.index(f'action="{logout}"') - 40:]
    assert form.lstrip().startswith('<form method="post"') or 'method="post"' in form[:80]
    assert "csrfmiddlewaretoken" in form[: form.index("</form>")]
