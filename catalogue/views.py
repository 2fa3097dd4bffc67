"""Storefront catalogue views: browsing runs on the ORM with a fixed number of queries.

Oscar browses through Haystack and spends several queries per product shown; here a page of
cards costs the count, the page's ids and one lean query for their cards, each kept in the cache
once read (``CachedListing``, ``product_cards``), and no product object is built. Best rated
first, the default, reads the page without sorting the whole listing (``BestRatedPages``). The
product page keeps its product and shared fragments under the product's version. Viewing a
product writes nothing to the database (see ``CatalogueConfig.ready``).
"""

from urllib.parse import unquote

from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from discovery.forms import STAR_CHOICES
from shop.page_cache import cache_for_everyone, note_product_loaded, product_versions, site_address

from .selectors import (
    BEST_RATED_FIRST,
    BestRatedPages,
    CachedListing,
    category_trail,
    product_cards,
    stars_day,
    with_public_stars,
    with_stars_at_least,
)

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")

PRODUCT_SECONDS = 24 * 3600


class BrowseFilterForm(forms.Form):
    """Filters a shopper can apply while browsing; anything invalid is simply ignored."""

    SORTS = {
        "relevance": BEST_RATED_FIRST,
        "newest": ("-date_created", "id"),
        "title": ("title", "id"),
    }

    stars = forms.TypedChoiceField(
        label=_("OCOP stars"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *STAR_CHOICES],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevance", _("Best rated")), ("newest", _("Newest")), ("title", _("Name"))],
    )

    def apply(self, queryset):
        """The products filtered and sorted: best rated first (the default) as ``BestRatedPages``."""
        sort = "relevance"
        if self.is_valid():
            if stars := self.cleaned_data.get("stars"):
                queryset = with_stars_at_least(queryset, stars)
            sort = self.cleaned_data.get("sort") or sort
        if sort == "relevance":
            return BestRatedPages(queryset)
        return queryset.order_by(*self.SORTS[sort])


class CatalogueView(ListView):
    """All public products, filterable by OCOP stars."""

    template_name = "oscar/catalogue/browse.html"
    context_object_name = "products"
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        return cache_for_everyone(super().get(request, *args, **kwargs))

    def get_filter_form(self) -> BrowseFilterForm:
        return BrowseFilterForm(self.request.GET or None)

    def products(self):
        return with_public_stars(Product.objects.browsable())

    def get_queryset(self):
        self.filter_form = self.get_filter_form()
        return self.filter_form.apply(self.products())

    def listing_name(self) -> str:
        """What this page lists, with the filters that change it (the key of its cached ids)."""
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return f"catalogue:{filters.get('stars') or ''}:{filters.get('sort') or ''}"

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(CachedListing(queryset, listing=self.listing_name()), page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = product_cards(product_ids=list(context["products"]))
        context["filter_form"] = self.filter_form
        context["summary"] = _("All products")
        return context


class ProductCategoryView(CatalogueView):
    """The public products of one category and its sub-categories."""

    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.browsable(), pk=kwargs["pk"])
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def listing_name(self) -> str:
        return f"category:{self.category.pk}:{super().listing_name()}"

    def products(self):
        in_branch = ProductCategory.objects.filter(
            product=OuterRef("pk"), category__path__startswith=self.category.path
        )
        return super().products().filter(Exists(in_branch))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category"] = self.category
        context["category_ancestors"] = list(self.category.get_ancestors())
        context["summary"] = self.category.name
        return context


class ProductDetailView(OscarProductDetailView):
    """Oscar's product page, with what its blocks read loaded once, in as few queries as possible.

    The producer comes in the product's query, with whether the basket form has options to ask;
    the stock records, photos and attribute values are prefetched once for the page: Oscar's
    strategy (asked by the price, the basket form and the JSON-LD), the gallery, the share image
    and the attribute table read the prefetched rows.
    """

    def get_queryset(self):
        return (
            with_public_stars(
                Product.objects.select_related("producer", "producer__coop", "product_class", "parent")
            )
            .annotate(
                has_product_class_options=Exists(Option.objects.filter(productclass=OuterRef("product_class"))),
                has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
            )
            .prefetch_related("stockrecords", "images")
            .prefetch_attribute_values()
        )

    def get_object(self, queryset=None):
        """The product with everything its page reads, kept in the cache under the product's
        version and the day (its stars are those valid today), so that a page seen before builds
        it from one cache read instead of five queries."""
        if hasattr(self, "object"):
            return self.object
        pk = self.kwargs["pk"]
        self.page_version = f"{stars_day()}:{product_versions([pk])[pk]}:{pk}"
        key = f"product-page:{self.page_version}"
        product = cache.get(key)
        if product is None:
            product = super().get_object(queryset)
            cache.set(key, product, PRODUCT_SECONDS)
        else:
            note_product_loaded(product_id=pk)
        return product

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        return cache_for_everyone(response, lists_products=False) if response.status_code == 200 else response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category_trail"] = category_trail(product=self.object)
        context["page_version"] = f"{self.page_version}:{site_address(self.request)}"
        context["fragment_seconds"] = PRODUCT_SECONDS
        return context
