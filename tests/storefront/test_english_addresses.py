"""English showcase pages live at English addresses (/en/producers/, not /en/nha-san-xuat/), and
an address a shop already printed keeps leading to its page with a permanent redirect."""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from cms.models import ProducerIndexPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("path", "title"), [
    ("/en/producers/", "Producers"),
    ("/en/an-khanh-commune/", "An Khánh commune"),
    ("/en/stories/", None),
    ("/en/returns/", "Returns"),
    ("/en/privacy/", "Privacy"),
    ("/en/contact/", None),
])
def test_english_pages_answer_at_english_addresses(client, demo_world, path, title):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    assert 'lang="en"' in html
    if title:
        assert f"<h1>{title}</h1>" in html or f">{title}</h1>" in html


def test_no_english_page_keeps_the_address_of_its_vietnamese_original(client, demo_world):
    english = Page.objects.live().filter(locale__language_code="en", depth__gt=2).specific()
    moved = 0
    for page in english:
        original = page.get_translation(Locale.objects.get(language_code="vi"))
        if page.slug != original.slug:
            moved += 1
        elif page.depth == 3:
            pytest.fail(f"{page.url} keeps its Vietnamese address")
    assert moved >= 10  # every section and story; producers keep their names, which are proper nouns
    assert 'href="/en/producers/trai-ong-rung-xanh/"' in client.get("/en/producers/").content.decode()


def test_an_english_page_still_at_its_vietnamese_address_moves_and_the_old_one_redirects(
    client, demo_world, django_capture_on_commit_callbacks
):
    original = ProducerIndexPage.objects.get(locale__language_code="vi")
    english = original.get_translation(Locale.objects.get(language_code="en")).specific
    with django_capture_on_commit_callbacks(execute=True):
        english.slug = original.slug  # where a shop seeded before English addresses had it
        english.save_revision().publish()
    assert client.get("/en/nha-san-xuat/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True), open(os.devnull, "w") as quiet:
        call_command("seed_demo", verbosity=0, stdout=quiet)

    assert client.get("/en/producers/").status_code == 200
    index = client.get("/en/nha-san-xuat/")
    assert index.status_code == 301 and index["Location"].endswith("/en/producers/")
    profile = client.get("/en/nha-san-xuat/trai-ong-rung-xanh/")
    assert profile.status_code == 301 and profile["Location"].endswith("/en/producers/trai-ong-rung-xanh/")
