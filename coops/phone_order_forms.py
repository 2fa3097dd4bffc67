"""The phone-order form: the buyer, their Vietnamese address, the shipping method and the quantities."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from addresses.vietnamese import MOBILE_ERROR, ProvinceWardMixin
from checkout import addresses
from checkout.forms import zalo_updates_field
from zalo.tokens import is_configured as zalo_is_configured


class PhoneOrderForm(ProvinceWardMixin, forms.Form):
    """One quantity field per member product (``qty_<id>``) beside the buyer's details; the
    province and commune/ward selects are the shop's one pair (``addresses.vietnamese``); and,
    when the shop sends order messages on Zalo, the buyer's answer to "updates on Zalo?" (unticked)."""

    first_name = forms.CharField(label=_("Buyer's given name"), max_length=255)
    last_name = forms.CharField(label=_("Buyer's family name"), max_length=255, required=False)
    phone = forms.CharField(label=_("Buyer's mobile"), max_length=20)
    email = forms.EmailField(
        label=_("Buyer's e-mail"), required=False, help_text=_("Optional: the payment link can go by SMS or Zalo.")
    )
    street = forms.CharField(label=_("House number, street, village"), max_length=255)
    shipping = forms.ChoiceField(label=_("Shipping"))
    language = forms.ChoiceField(label=_("Buyer's language"), choices=settings.LANGUAGES, initial="vi")

    def __init__(self, *args, products, shipping_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.products = list(products)
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


class SendLinkForm(forms.Form):
    email = forms.EmailField(label=_("Send the payment link to"))
