"""The storefront search page (products paged, filtered, sorted; producers; stories) and sitemap.xml."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .forms import StorefrontSearchForm
from .selectors import search_storefront
from .sitemaps import PageSitemap, ProductSitemap


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 7 else 1


@require_GET
def search(request):
    form = StorefrontSearchForm(request.GET)
    query = form.query()
    results = search_storefront(
        query=query,
        language_code=get_language(),
        filters=form.search_filters(),
        page_number=_page_number(request.GET.get("page")),
    )
    form.offer_facets(categories=results.categories, producers=results.producers)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "discovery/search.html",
        {"form": form, "query": query, "results": results, "paging_query": params.urlencode()},
    )


def sitemap(request):
    """Wagtail's page sitemap extended with the catalogue's products."""
    return wagtail_sitemap(request, sitemaps={"pages": PageSitemap, "products": ProductSitemap(request)})
