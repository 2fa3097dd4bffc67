"""The search form: the words typed in the header box, plus filters and sort for the results page."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .selectors import PRICE_BANDS, SORTS, Facet, SearchFilters

MAX_ID = 2**31 - 1

def _stars_or_more(n: int) -> str:
    return gettext("%(n)s stars or more") % {"n": n}


#: "3 stars or more"…, translated when a page shows them (not once, when the module loads).
STAR_CHOICES = [(n, lazy(_stars_or_more, str)(n)) for n in (3, 4, 5)]

PRICE_BAND_LABELS = {
    "under-150k": _("Under 150,000 ₫"),
    "150k-300k": _("150,000 – 300,000 ₫"),
    "300k-500k": _("300,000 – 500,000 ₫"),
    "over-500k": _("500,000 ₫ and more"),
}
SORT_LABELS = {
    "relevance": _("Best match"),
    "price-asc": _("Price: low to high"),
    "price-desc": _("Price: high to low"),
    "stars": _("OCOP stars"),
    "newest": _("Newest"),
    "name": _("Name"),
}


class StorefrontSearchForm(forms.Form):
    """Every field is optional; a field with a bad value is ignored, the others still apply."""

    q = forms.CharField(label=_("Search"), required=False, strip=True)
    category = forms.IntegerField(label=_("Category"), required=False, min_value=1, max_value=MAX_ID,
                                  widget=forms.Select)
    producer = forms.IntegerField(label=_("Producer"), required=False, min_value=1, max_value=MAX_ID,
                                  widget=forms.Select)
    stars = forms.TypedChoiceField(
        label=_("OCOP stars"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *STAR_CHOICES],
    )
    price = forms.ChoiceField(
        label=_("Price"),
        required=False,
        choices=[("", _("Any"))] + [(key, PRICE_BAND_LABELS[key]) for key in PRICE_BANDS],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[(key, SORT_LABELS[key]) for key in SORTS]
    )

    def offer_facets(self, *, categories: list[Facet], producers: list[Facet]) -> None:
        """The category and producer choices: those of the results found, with their counts."""
        for name, facets in (("category", categories), ("producer", producers)):
            self.fields[name].widget.choices = [("", _("All"))] + [
                (facet.id, f"{facet.name} ({facet.count})") for facet in facets
            ]

    def query(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("q") or ""

    def search_filters(self) -> SearchFilters:
        self.is_valid()
        data = self.cleaned_data
        return SearchFilters(
            category_id=data.get("category"),
            producer_id=data.get("producer"),
            min_stars=data.get("stars"),
            price_band=data.get("price") or "",
            sort=data.get("sort") or "relevance",
        )
