"""The storefront search page (products paged, filtered, sorted; producers; stories) and sitemap.xml."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .forms import StorefrontSearchForm
from .selectors import search_storefront
from .sitemaps import PageSitemap, ProductSitemap

PRODUCTS_PER_PAGE = 24


@require_GET
def search(request):
    form = StorefrontSearchForm(request.GET)
    query = form.query()
    results = search_storefront(query=query, language_code=get_language(), filters=form.search_filters())
    page = Paginator(results.products, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "discovery/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "products": page.object_list,
            "page_obj": page,
            "paging_query": params.urlencode(),
        },
    )


def sitemap(request):
    """Wagtail's page sitemap extended with the catalogue's products."""
    return wagtail_sitemap(request, sitemaps={"pages": PageSitemap, "products": ProductSitemap(request)})
