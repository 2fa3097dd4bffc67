"""Checkout forms: a shipping address that speaks Vietnamese addresses, and the payment method choice."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import GatewayForm, ShippingMethodForm  # noqa: F401
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm

from zalo.tokens import is_configured as zalo_is_configured

from . import addresses

MOBILE_ERROR = _("Enter a Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09.")


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


class ShippingAddressForm(OscarShippingAddressForm):
    """Vietnam: province → commune/ward + street + mobile; elsewhere: Oscar's international fields.

    ``zalo_updates`` is the buyer's explicit yes to order messages on Zalo (unticked by default,
    as Decree 13/2023 wants consent to be given, not presumed); it is kept in the checkout
    session and becomes the order's ``zalo.ZaloChoice`` when the order is placed.
    """

    province = forms.TypedChoiceField(
        label=_("Province / city"), coerce=int, required=False, empty_value=None
    )
    ward = forms.TypedChoiceField(label=_("Commune / ward"), coerce=int, required=False, empty_value=None)
    accepts_privacy = forms.BooleanField(
        label=_("I agree that my name, address and phone number are used to deliver this order, "
                "as the privacy policy says."),
        error_messages={"required": _("Please agree to the privacy policy so that we can deliver your order.")},
    )

    zalo_updates = zalo_updates_field()

    field_order = [
        "first_name",
        "last_name",
        "country",
        "province",
        "ward",
        "line1",
        "line2",
        "line4",
        "state",
        "postcode",
        "phone_number",
        "notes",
        "accepts_privacy",
        "zalo_updates",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", "—")] + addresses.provinces()
        province = self.data.get(self.add_prefix("province")) or self.initial.get("province")
        try:
            wards = addresses.wards_of(int(province)) if province else []
        except ValueError:
            wards = []
        self.fields["ward"].choices = [("", "—")] + wards
        self.fields["line1"].label = _("House number, street, village")
        self.fields["line4"].label = _("City (outside Vietnam)")
        self.fields["line4"].required = False
        self.fields["state"].label = _("State / region (outside Vietnam)")
        self.fields["phone_number"].help_text = _("Vietnam: a mobile number such as 0912345678.")
        self.fields.pop("line3", None)
        if not zalo_is_configured():
            # Asked only when the shop sends order messages on Zalo; an unasked buyer gets e-mail.
            self.fields.pop("zalo_updates")
        self.order_fields(self.field_order)
        if self.instance and self.instance.pk is None and not self.is_bound:
            self._prefill_from_instance()

    def _prefill_from_instance(self):
        code = addresses.province_code_by_name().get(self.initial.get("state") or "")
        if code:
            self.initial["province"] = code
            self.fields["ward"].choices = [("", "—")] + addresses.wards_of(code)
            by_name = {name: ward_code for ward_code, name in addresses.wards_of(code)}
            self.initial["ward"] = by_name.get(self.initial.get("line4") or "")

    def _country_code(self) -> str:
        country = self.cleaned_data.get("country") or getattr(self.instance, "country", None)
        return getattr(country, "iso_3166_1_a2", "") or ""

    def clean_phone_number(self):
        return self.cleaned_data.get("phone_number")

    def clean(self):
        cleaned = super().clean()
        if self._country_code() == "VN":
            province, ward = cleaned.get("province"), cleaned.get("ward")
            if not province:
                self.add_error("province", _("Choose a province or city."))
            elif not ward:
                self.add_error("ward", _("Choose a commune or ward."))
            else:
                ward_name = addresses.ward_in_province(ward, province)
                if ward_name is None:
                    self.add_error("ward", _("This commune or ward is not in the chosen province."))
                else:
                    cleaned["line4"] = ward_name
                    cleaned["state"] = addresses.province_names()[province]
                    cleaned["line3"] = ""
            raw_phone = self.data.get(self.add_prefix("phone_number"), "")
            if addresses.normalise_mobile(str(raw_phone)) is None:
                self.add_error("phone_number", MOBILE_ERROR)
        elif not cleaned.get("line4"):
            self.add_error("line4", _("Enter the city."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        for field in ("line4", "state", "line3"):
            if field in self.cleaned_data:
                setattr(self.instance, field, self.cleaned_data[field] or "")


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
