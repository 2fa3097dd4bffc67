"""Vietnamese addresses in a form: province → commune/ward, house and street, a mobile number.

One way to ask for, check and store an address, shared by the account's address book
(``addresses.forms.UserAddressForm``), the checkout's shipping address
(``checkout.forms.ShippingAddressForm``) and, for its province and ward, the co-op's phone order
(``coops.phone_order_forms.PhoneOrderForm``). Addresses abroad keep Oscar's international fields.
The chosen commune/ward and province are stored by name in ``line4`` and ``state``, where
Oscar's address models keep city and region; a saved address shows them again by their names.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from checkout import addresses

WARD_NOT_IN_PROVINCE = _("This commune or ward is not in the chosen province.")
MOBILE_ERROR = _("Enter a Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09.")
#: The address fields in the order a Vietnamese reader expects them.
ADDRESS_FIELD_ORDER = [
    "first_name", "last_name", "country", "province", "ward", "line1", "line2", "line4", "state", "postcode",
    "phone_number", "notes",
]


class ProvinceWardMixin:
    """A province select and a commune/ward select listing the chosen province's wards, for any
    form (the co-op's phone order asks only these of an address); put before the form's class.
    Both are asked for when ``_in_vietnam()`` (always, unless a subclass says otherwise)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"] = forms.TypedChoiceField(
            label=_("Province / city"), coerce=int, required=False, empty_value=None,
            choices=[("", "—"), *addresses.provinces()],
        )
        chosen = self.data.get(self.add_prefix("province")) or self.initial.get("province")
        self.fields["ward"] = forms.TypedChoiceField(
            label=_("Commune / ward"), coerce=int, required=False, empty_value=None,
            choices=[("", "—"), *self._wards_of(chosen)],
            error_messages={"invalid_choice": WARD_NOT_IN_PROVINCE},
        )

    @staticmethod
    def _wards_of(province) -> list[tuple[int, str]]:
        try:
            return addresses.wards_of(int(province)) if province else []
        except ValueError:
            return []

    def _in_vietnam(self) -> bool:
        return True

    def clean(self):
        cleaned = super().clean()
        if self._in_vietnam():
            if not cleaned.get("province"):
                self.add_error("province", _("Choose a province or city."))
            elif not cleaned.get("ward") and "ward" not in self.errors:
                self.add_error("ward", _("Choose a commune or ward."))
        return cleaned


class VietnameseAddressMixin(ProvinceWardMixin):
    """Put before an Oscar address form (``class F(VietnameseAddressMixin, OscarAddressForm)``);
    the form's ``field_order`` places the extra fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line1"].label = _("House number, street, village")
        self.fields["line4"].label = _("City (outside Vietnam)")
        self.fields["line4"].required = False
        self.fields["state"].label = _("State / region (outside Vietnam)")
        self.fields["phone_number"].help_text = _("Vietnam: a mobile number such as 0912345678.")
        self.fields.pop("line3", None)
        if not self.is_bound:
            self._show_saved_province_and_ward()
        self.order_fields(self.field_order)

    def _show_saved_province_and_ward(self):
        """Select the province and ward an address (saved, or kept in the checkout) names; Vietnam
        is the country a new address starts with."""
        if "country" in self.fields and not self.initial.get("country"):
            self.initial["country"] = "VN"
        code = addresses.province_code_by_name().get(self.initial.get("state") or "")
        if code:
            self.initial["province"] = code
            wards = addresses.wards_of(code)
            self.fields["ward"].choices = [("", "—"), *wards]
            self.initial["ward"] = {name: ward_code for ward_code, name in wards}.get(self.initial.get("line4") or "")

    def _country_code(self) -> str:
        country = self.cleaned_data.get("country") or getattr(self.instance, "country", None)
        return getattr(country, "iso_3166_1_a2", "") or ""

    def _in_vietnam(self) -> bool:
        return self._country_code() == "VN"

    def clean_phone_number(self):
        return self.cleaned_data.get("phone_number")

    def clean(self):
        cleaned = super().clean()
        if self._in_vietnam():
            province, ward = cleaned.get("province"), cleaned.get("ward")
            if province and ward:  # the ward's choices are the province's own wards
                cleaned["line4"] = addresses.ward_in_province(ward, province)
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
