"""sitemap.xml: Wagtail's pages in every language plus every public product in both languages.

Every ``<loc>`` is on SITE_URL's host (never the host a request used) and carries ``xhtml:link``
alternates to the same page in the other language.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Locale, Page

Product = get_model("catalogue", "Product")


class ProductSitemap(Sitemap):
    """Public products, each listed once per language (with hreflang alternates), on the request's host."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def __init__(self, request):
        self.request = request

    def items(self):
        return Product.objects.browsable().only("id", "slug", "date_updated").order_by("id")

    def lastmod(self, item):
        return item.date_updated

    def get_urls(self, page=1, site=None, protocol=None):
        address = urlsplit(settings.SITE_URL)
        return super().get_urls(page=page, site=ConfiguredSite(address.netloc), protocol=address.scheme)


@dataclass(frozen=True)
class ConfiguredSite:
    """What Django's sitemap reads of a site: the shop's configured host."""

    domain: str

    @property
    def name(self) -> str:
        return self.domain


class PageSitemap(WagtailSitemap):
    """Every live public page of the site in every language (Wagtail's lists one locale's tree)."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        """Wagtail's entries, each with ``alternates``: its translations (and itself) by language."""
        urls = super()._urls(page, protocol, domain)
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_location = {}
        for item in self.items():
            by_location.setdefault(item.translation_key, []).append(item)
        locations = {}
        for group in by_location.values():
            alternates = [
                {"lang_code": languages[p.locale_id], "location": p.get_full_url(self.request)} for p in group
            ]
            for alternate in alternates:
                locations[alternate["location"]] = alternates
        for url in urls:
            url["alternates"] = locations.get(url["location"], [])
        return urls
