"""Forms of the producer portal: big, few fields, Vietnamese labels first."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.selectors import category_choices

from .numbers import whole_number

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
ProductAttribute = get_model("catalogue", "ProductAttribute")

class VndField(forms.IntegerField):
    """A price in đồng, typed as "320.000", "320000" or "320,000 ₫"."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = whole_number(value)
        if number is None:
            raise forms.ValidationError(_("Enter the price in đồng as digits, e.g. 320.000."), code="invalid")
        return number


STAR_CHOICES = [("", _("No OCOP certificate")), (3, _("3 stars")), (4, _("4 stars")), (5, _("5 stars"))]


class ProductForm(forms.Form):
    """A product as a producer sees it; the attribute fields follow the product class."""

    title = forms.CharField(label=_("Product name"), max_length=255)
    category = forms.TypedChoiceField(
        label=_("Category"),
        coerce=int,
        help_text=_("Where buyers find it in the shop. Staff keep the list of categories."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Plain text, or simple formatting: bold, italics, lists, links."),
    )
    title_en = forms.CharField(
        label=_("Product name in English"),
        max_length=255,
        required=False,
        help_text=_("For buyers abroad. Left empty, they read the Vietnamese name."),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    price = VndField(
        label=_("Price (VND)"),
        min_value=1000,
        max_value=1_000_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("For example 320.000"),
        error_messages={
            "min_value": _("The price must be at least 1.000 ₫."),
            "max_value": _("The price must be at most 1.000.000.000 ₫."),
        },
    )
    stock = forms.IntegerField(label=_("In stock"), min_value=0, max_value=1_000_000)
    stars_claimed = forms.TypedChoiceField(
        label=_("OCOP stars"),
        choices=STAR_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Shown to customers only after staff have checked the certificate."),
    )
    certificates = forms.CharField(
        label=_("Certificates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Name, number and issuer of each certificate, one per line."),
    )

    def __init__(self, *args, product_class, producers, **kwargs):
        super().__init__(*args, **kwargs)
        self.product_class = product_class
        self.fields["category"].choices = [("", _("Choose a category"))] + category_choices()
        if len(producers) > 1:
            self.fields["producer"] = forms.ModelChoiceField(
                label=_("Producer"), queryset=Partner.objects.filter(pk__in=[p.pk for p in producers])
            )
        self.attribute_codes = []
        for attribute in product_class.attributes.select_related("option_group").order_by("id"):
            field = self._attribute_field(attribute)
            if field is not None:
                self.fields[f"attr_{attribute.code}"] = field
                self.attribute_codes.append(attribute.code)

    @staticmethod
    def _attribute_field(attribute):
        label, required = attribute.name, attribute.required
        if attribute.type == ProductAttribute.OPTION:
            return forms.ModelChoiceField(
                label=label, required=required, queryset=attribute.option_group.options.order_by("id")
            )
        if attribute.type == ProductAttribute.INTEGER:
            return forms.IntegerField(label=label, required=required, min_value=0)
        if attribute.type == ProductAttribute.FLOAT:
            return forms.FloatField(label=label, required=required, min_value=0)
        if attribute.type in (ProductAttribute.TEXT, ProductAttribute.RICHTEXT):
            return forms.CharField(label=label, required=required, max_length=255)
        return None

    def attribute_values(self) -> dict:
        return {
            code: self.cleaned_data[f"attr_{code}"]
            for code in self.attribute_codes
            if self.cleaned_data.get(f"attr_{code}") not in (None, "")
        }


class StockForm(forms.Form):
    stock = forms.IntegerField(label=_("In stock"), min_value=0, max_value=1_000_000)


class PhotoUploadForm(forms.Form):
    photo = forms.FileField(label=_("Photo"))
    idempotency_key = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)


class ImportForm(forms.Form):
    sheet = forms.FileField(label=_("CSV or Excel file"))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    producer = forms.ModelChoiceField(label=_("Producer"), queryset=Partner.objects.order_by("name"))


class ClaimConfirmForm(forms.Form):
    """What staff read off the OCOP certificate before confirming a producer's stars."""

    certificate_number = forms.CharField(label=_("Certificate number"), max_length=64, required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=160, required=False)
    valid_from = forms.DateField(
        label=_("Valid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


def category_by_id(pk: int):
    """The public category a form chose (its choices are public categories only)."""
    return Category.objects.browsable().get(pk=pk)


class ObjectionForm(forms.Form):
    """What the producer says is wrong with an entry the co-op made for them."""

    objection = forms.CharField(
        label=_("What is wrong?"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what is wrong with this entry.")},
    )
