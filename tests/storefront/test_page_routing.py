"""Wagtail's routing of a path to its page is kept between requests, and follows every change.

A page served before is found without a query of the page tree or of the sites; publishing,
unpublishing, moving or deleting a page, or a restriction on it, is on the next request.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cms.models import ProducerPage

pytestmark = pytest.mark.django_db


def _tree_queries(client, path: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    sql = [q["sql"] for q in captured]
    routing = [q for q in sql if 'FROM "wagtailcore_site"' in q or '"slug" = ' in q.partition(" WHERE ")[2]]
    return len(routing), response


@pytest.fixture
def producer_page(demo_world):
    return ProducerPage.objects.live().filter(locale__language_code="vi").first()


def test_a_page_served_before_is_routed_without_a_query(client, producer_page):
    first, response = _tree_queries(client, producer_page.url)
    assert response.status_code == 200 and first > 0
    again, response = _tree_queries(client, producer_page.url)
    assert response.status_code == 200 and again == 0


def test_an_unpublished_page_is_gone_on_the_next_request(client, producer_page, django_capture_on_commit_callbacks):
    url = producer_page.url
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        producer_page.unpublish()
    assert client.get(url).status_code == 404


def test_a_deleted_page_is_gone_on_the_next_request(client, producer_page, django_capture_on_commit_callbacks):
    url = producer_page.url
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=producer_page.pk).delete()
    assert client.get(url).status_code == 404


def test_a_new_slug_moves_the_page(client, producer_page, django_capture_on_commit_callbacks):
    old = producer_page.url
    assert client.get(old).status_code == 200
    producer_page.slug = "ho-moi-doi-ten"
    with django_capture_on_commit_callbacks(execute=True):
        producer_page.save_revision().publish()
    new = old.rstrip("/").rsplit("/", 1)[0] + "/ho-moi-doi-ten/"
    assert client.get(new).status_code == 200
    assert client.get(old)["Location"] == new  # Wagtail's redirect from the old address


def test_a_page_moved_elsewhere_is_served_at_its_new_address(client, producer_page, django_capture_on_commit_callbacks):
    old = producer_page.url
    home = producer_page.get_parent().get_parent()
    assert client.get(old).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        producer_page.move(home, pos="last-child")
    moved = Page.objects.get(pk=producer_page.pk)
    assert client.get(moved.url).status_code == 200
    assert client.get(old)["Location"] == moved.url  # Wagtail's redirect from the old address


def test_a_restriction_added_later_is_enforced_on_a_routed_page(client, producer_page):
    url = producer_page.url
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(page=producer_page, restriction_type="password", password="tra-ngon")
    response = client.get(url)
    assert response.status_code == 200 and "tra-ngon" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_wagtails_own_paths_still_answer(client, demo_world):
    assert client.get("/_util/login/").status_code == 200
