"""Storefront catalogue views: browsing runs on the ORM with a fixed number of queries.

Oscar browses through Haystack and spends several queries per product shown; here a page of
cards costs the page's ids, the count (unless reading the page told it) and one lean query for
their cards (``product_cards``), and no product object is built. Best rated first, the default,
reads the page without sorting the whole listing (``BestRatedPages``). Viewing a product writes
nothing to the database (see ``CatalogueConfig.ready``).
"""

from urllib.parse import unquote

from django import forms
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from discovery.forms import STAR_CHOICES
from shop.page_cache import cache_for_everyone

from .selectors import (
    BEST_RATED_FIRST,
    BestRatedPages,
    category_trail,
    product_cards,
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

    def paginate_queryset(self, queryset, page_size):
        """Best rated first: the page read first, the total counted only if reading it did not tell it."""
        if not isinstance(queryset, BestRatedPages):
            return super().paginate_queryset(queryset, page_size)
        number = self.request.GET.get(self.page_kwarg) or 1
        try:
            number = int(number)
        except ValueError:
            return super().paginate_queryset(queryset, page_size)  # "last": counted first
        paginator = Paginator(queryset, page_size)
        ids, total = queryset.page(max(number - 1, 0) * page_size, max(number, 1) * page_size)
        if total is not None:
            paginator.count = total  # a cached property: the count query is not run
        try:
            page = Page(ids, paginator.validate_number(number), paginator)
        except InvalidPage as error:
            raise Http404(_("Invalid page (%(page_number)s): %(message)s") % {
                "page_number": number, "message": str(error)}) from error
        return paginator, page, ids, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        products = context["products"]
        ids = products if isinstance(products, list) else list(products.values_list("id", flat=True))
        context["products"] = product_cards(product_ids=ids)
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

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        return cache_for_everyone(response, lists_products=False) if response.status_code == 200 else response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["category_trail"] = category_trail(product=self.object)
        return context
