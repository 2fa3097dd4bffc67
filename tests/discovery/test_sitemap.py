"""sitemap.xml on SITE_URL's host with language alternates, robots.txt for both languages, og:description."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from discovery.sites import sync_wagtail_site

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def shop_on_its_domain(demo_world, settings):
    settings.SITE_URL = "https://cho.ocop.example"
    sync_wagtail_site()
    yield
    settings.SITE_URL = "http://127.0.0.1:8000"
    sync_wagtail_site()


def test_every_loc_is_on_the_configured_host_with_alternates(client, shop_on_its_domain):
    root = ET.fromstring(client.get("/sitemap.xml", HTTP_HOST="localhost").content)
    entries = root.findall("s:url", NS)
    assert len(entries) > 20
    for entry in entries:
        location = entry.find("s:loc", NS).text
        assert urlsplit(location).netloc == "cho.ocop.example" and location.startswith("https://"), location
        alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
        assert {"vi", "en"} <= set(alternates), location
        assert location in alternates.values()
        assert all(urlsplit(href).netloc == "cho.ocop.example" for href in alternates.values())


def test_the_wagtail_site_follows_site_url(shop_on_its_domain):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("cho.ocop.example", 443)
    assert sync_wagtail_site() == 0  # already there


def test_robots_covers_both_languages(client, settings):
    robots = client.get("/robots.txt").content.decode()
    for prefix in ("", "/en"):
        for part in ("basket", "checkout", "accounts"):
            assert f"Disallow: {prefix}/shop/{part}/\n" in robots
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots


def test_every_kind_of_page_has_an_og_description(client, demo_world):
    from traceability.models import Lot

    lot = Lot.objects.get(code="AK26-03")
    root = ET.fromstring(client.get("/sitemap.xml").content)
    pages = sorted({urlsplit(e.find("s:loc", NS).text).path for e in root.findall("s:url", NS)})
    pages += ["/shop/", "/en/shop/basket/", "/search/?q=che", f"/01/{lot.gtin}/10/{lot.code}", "/voc/"]
    for path in pages:
        html = client.get(path, follow=True).content.decode()
        found = re.search(r'<meta property="og:description" content="([^"]*)">', html)
        assert found and found.group(1).strip(), path
