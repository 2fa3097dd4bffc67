"""The product chooser of the Wagtail admin: staff pick Oscar products for showcase blocks.

A thin bridge built on Wagtail's ``ChooserViewSet``; the chooser searches titles and UPCs
without Wagtail's search index (Oscar's products are not indexed by Wagtail).
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

Product = get_model("catalogue", "Product")


class ProductFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Title or UPC")}),
        required=False,
        max_length=200,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if query := self.cleaned_data.get("q", "").strip():
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(Q(title__icontains=query) | Q(upc__icontains=query))
        return objects


class ProductChooseMixin:
    filter_form_class = ProductFilterForm
    ordering = ("title", "id")

    def get_object_list(self):
        return Product.objects.select_related("producer").exclude(structure=Product.CHILD)

    @property
    def columns(self):
        return super().columns + [
            Column("producer", label=_("Producer"), accessor="producer"),
            Column("ocop_stars", label=_("OCOP stars"), accessor="ocop_stars"),
        ]


class ProductChooseView(ProductChooseMixin, ChooseView):
    pass


class ProductChooseResultsView(ProductChooseMixin, ChooseResultsView):
    pass


class ProductChooserViewSet(ChooserViewSet):
    model = "catalogue.Product"
    icon = "pick"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView
    per_page = 20


product_chooser_viewset = ProductChooserViewSet("product_chooser", url_prefix="products/chooser")
