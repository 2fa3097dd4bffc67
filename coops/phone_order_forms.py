"""The phone-order form: the buyer, their Vietnamese address, the shipping method and the quantities."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from checkout import addresses
from checkout.forms import MOBILE_ERROR, zalo_updates_field
from zalo.tokens import is_configured as zalo_is_configured


class PhoneOrderForm(forms.Form):
    """One quantity field per member product (``qty_<id>``) beside the buyer's details, and, when
    the shop sends order messages on Zalo, the buyer's answer to "updates on Zalo?" (unticked)."""

    first_name = forms.CharField(label=_("Buyer's given name"), max_length=255)
    last_name = forms.CharField(label=_("Buyer's family name"), max_length=255, required=False)
    phone = forms.CharField(label=_("Buyer's mobile"), max_length=20)
    email = forms.EmailField(
        label=_("Buyer's e-mail"), required=False, help_text=_("Optional: the payment link can go by SMS or Zalo.")
    )
    province = forms.TypedChoiceField(label=_("Province / city"), coerce=int)
    ward = forms.TypedChoiceField(label=_("Commune / ward"), coerce=int)
    street = forms.CharField(label=_("House number, street, village"), max_length=255)
    shipping = forms.ChoiceField(label=_("Shipping"))
    language = forms.ChoiceField(label=_("Buyer's language"), choices=settings.LANGUAGES, initial="vi")

    def __init__(self, *args, products, shipping_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.products = list(products)
        self.fields["province"].choices = [("", "—")] + addresses.provinces()
        province = self.data.get("province") or self.initial.get("province")
        try:
            wards = addresses.wards_of(int(province)) if province else []
        except ValueError:
            wards = []
        self.fields["ward"].choices = [("", "—")] + wards
        self.fields["shipping"].choices = shipping_choices
        if zalo_is_configured():
            self.fields["zalo_updates"] = zalo_updates_field(
                label=_("The buyer wants order updates on Zalo"),
                help_text=_("Ask the buyer and tick only on a clear yes: the news of the order then goes to "
                            "their mobile on Zalo instead of e-mail."),
            )
        for product in self.products:
            self.fields[f"qty_{product.pk}"] = forms.IntegerField(
                label=f"{product.title} ({product.producer.name})", min_value=0, max_value=999,
                initial=0, required=False,
            )

    def zalo_choice(self) -> bool | None:
        """The buyer's answer about Zalo; None when the shop does not send on Zalo (not asked)."""
        return self.cleaned_data.get("zalo_updates", False) if "zalo_updates" in self.fields else None

    def product_rows(self):
        return [(product, self[f"qty_{product.pk}"]) for product in self.products]

    def quantities(self) -> dict:
        return {product.pk: self.cleaned_data.get(f"qty_{product.pk}") or 0 for product in self.products}

    def clean_phone(self):
        phone = addresses.normalise_mobile(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(MOBILE_ERROR)
        return phone

    def clean(self):
        cleaned = super().clean()
        province, ward = cleaned.get("province"), cleaned.get("ward")
        if province and ward and addresses.ward_in_province(ward, province) is None:
            self.add_error("ward", _("This commune or ward is not in the chosen province."))
        return cleaned


class SendLinkForm(forms.Form):
    email = forms.EmailField(label=_("Send the payment link to"))
