"""Storefront catalogue views: browsing runs on the ORM with a fixed number of queries.

Oscar browses through Haystack and spends several queries per product shown; here a page of
cards costs the count, the page's ids and one lean query for their cards (``cards_of``), and
no product object is built. Viewing a product writes
nothing to the database (see ``CatalogueConfig.ready``).
"""

from urllib.parse import unquote

from django import forms
from django.db.models import Exists, OuterRef
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from discovery.forms import STAR_CHOICES
from shop.page_cache import cache_for_everyone

from .selectors import (
    BEST_RATED_FIRST,
    cards_of,
    category_trail,
    with_public_stars,
    with_stars_at_least,
)

Category = get_model("catalogue", "Category")
Option = get_model("catalogue", "Option")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")


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
        if not self.is_valid():
            return queryset
        if stars := self.cleaned_data.get("stars"):
            queryset = with_stars_at_least(queryset, stars)
        return queryset.order_by(*self.SORTS[self.cleaned_data.get("sort") or "relevance"])


class CatalogueView(ListView):
    """All public products, filterable by OCOP stars."""

    template_name = "oscar/catalogue/browse.html"
    context_object_name = "products"
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        return cache_for_everyone(super().get(request, *args, **kwargs))

    def get_filter_form(self) -> BrowseFilterForm:
        return BrowseFilterForm(self.request.GET or None)

    def get_queryset(self):
        self.filter_form = self.get_filter_form()
        products = with_public_stars(Product.objects.browsable(), listing=True)
        return self.filter_form.apply(products.order_by(*BEST_RATED_FIRST))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = cards_of(context["products"])
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

    def get_queryset(self):
        # One set of the branch's product ids, probed per product (not a lookup per product).
        in_branch = ProductCategory.objects.filter(category__path__startswith=self.category.path)
        return super().get_queryset().filter(pk__in=in_branch.values("product_id"))

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

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        return cache_for_everyone(response, lists_products=False) if response.status_code == 200 else response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category_trail"] = category_trail(product=self.object)
        return context
