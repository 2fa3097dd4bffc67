"""Checkout forms: a shipping address that speaks Vietnamese addresses, and the payment method choice."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import GatewayForm, ShippingMethodForm  # noqa: F401
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm

from addresses.vietnamese import ADDRESS_FIELD_ORDER, VietnameseAddressMixin
from zalo.tokens import is_configured as zalo_is_configured


def zalo_updates_field(**overrides) -> forms.BooleanField:
    """The buyer's yes to order messages on Zalo: unticked, as Decree 13/2023 wants consent given,
    not presumed. Forms offer it only when ``zalo.tokens.is_configured()``."""
    return forms.BooleanField(**{
        "label": _("Get order updates on Zalo"),
        "help_text": _("The news of this order (placed, paid, shipped, delivered) goes to this phone number on "
                       "Zalo instead of e-mail. Without a tick we send it by e-mail."),
        "required": False,
        **overrides,
    })


class ShippingAddressForm(VietnameseAddressMixin, OscarShippingAddressForm):
    """Vietnam: province → commune/ward + street + mobile; elsewhere: Oscar's international fields.

    ``zalo_updates`` is the buyer's explicit yes to order messages on Zalo (unticked by default,
    as Decree 13/2023 wants consent to be given, not presumed); it is kept in the checkout
    session and becomes the order's ``zalo.ZaloChoice`` when the order is placed.
    """

    accepts_privacy = forms.BooleanField(
        label=_("I agree that my name, address and phone number are used to deliver this order, "
                "as the privacy policy says."),
        error_messages={"required": _("Please agree to the privacy policy so that we can deliver your order.")},
    )

    zalo_updates = zalo_updates_field()

    field_order = [*ADDRESS_FIELD_ORDER, "accepts_privacy", "zalo_updates"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not zalo_is_configured():
            # Asked only when the shop sends order messages on Zalo; an unasked buyer gets e-mail.
            self.fields.pop("zalo_updates")


class PaymentMethodForm(forms.Form):
    """The payment method; and the Zalo question (``asks_zalo``) for a buyer who chose a saved
    address and so never saw the address form that asks it."""

    method = forms.ChoiceField(label=_("How would you like to pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, methods, asks_zalo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(m.code, m.label) for m in methods]
        self.methods = {m.code: m for m in methods}
        if methods:
            self.fields["method"].initial = methods[0].code
        if asks_zalo and zalo_is_configured():
            self.fields["zalo_updates"] = zalo_updates_field()
