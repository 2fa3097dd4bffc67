"""The portal installs as an app: its manifest, its service worker and the page shown offline."""

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("path", "start_url"), [("/portal/manifest.webmanifest", "/portal/"),
                                                  ("/en/portal/manifest.webmanifest", "/en/portal/")])
def test_the_manifest_names_the_portal_and_its_icons(client, path, start_url):
    response = client.get(path)
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["start_url"] == start_url and manifest["display"] == "standalone"
    assert start_url.startswith(manifest["scope"])
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        side = int(icon["sizes"].split("x")[0])
        with Image.open(finders.find(icon["src"].removeprefix(settings.STATIC_URL))) as picture:
            assert picture.format == "PNG" and picture.size == (side, side)
    assert manifest["theme_color"] and manifest["background_color"] and manifest["short_name"]


def test_the_manifest_speaks_the_pages_language(client):
    assert "Cổng" in client.get("/portal/manifest.webmanifest").json()["name"]
    assert "portal" in client.get("/en/portal/manifest.webmanifest").json()["name"]


def test_the_service_worker_covers_the_portal_and_the_diary_and_is_never_stale(client):
    response = client.get("/portal/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert '"/trace/diary/"' in body and '"/portal/offline/"' in body and "/static/portal/portal.css" in body


def test_the_offline_page_answers_without_a_login(client):
    page = client.get("/portal/offline/")
    assert page.status_code == 200 and "Không có kết nối" in page.content.decode()


def test_portal_pages_link_the_manifest_and_the_offline_script(client, django_user_model):
    from tests.factories import ProducerFactory

    producer = ProducerFactory()
    user = django_user_model.objects.create_user("ho-b", "hob@example.vn", "mat-khau-2026")
    producer.users.add(user)
    client.force_login(user)
    for path in ("/portal/", "/trace/diary/"):
        page = client.get(path).content.decode()
        assert 'rel="manifest"' in page and "portal/offline.js" in page and "data-connection" in page
