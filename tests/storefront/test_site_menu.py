"""The site menu is read once, then served from the cache until a page is published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def _menu_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return sum('"show_in_menus"' in q["sql"].partition(" WHERE ")[2] for q in captured)


def test_the_menu_is_not_read_again_on_the_next_request(client, demo_world):
    client.get("/shop/catalogue/")
    assert _menu_queries(client, "/shop/catalogue/") == 0


def test_publishing_a_page_shows_its_new_title_in_the_menu(client, demo_world, django_capture_on_commit_callbacks):
    client.get("/shop/catalogue/")
    page = Page.objects.live().in_menu().filter(locale__language_code="vi").first().specific
    page.title = "Câu chuyện vùng chè mới"
    with django_capture_on_commit_callbacks(execute=True):  # the menu moves on once the publish commits
        page.save_revision().publish()
    assert "Câu chuyện vùng chè mới</a></li>" in client.get("/shop/catalogue/").content.decode()
