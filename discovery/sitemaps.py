"""sitemap.xml: Wagtail's pages in every language plus every public product in both languages."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.db.models import Q
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page

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
        return super().get_urls(page=page, site=RequestSite(self.request), protocol=self.request.scheme)


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
