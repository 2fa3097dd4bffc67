"""The payment methods a shop offers, switched on by the PAYMENT_METHODS setting."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Payment


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    label: str
    description: str
    domestic_only: bool


METHODS = {
    Payment.Method.VIETQR: PaymentMethod(
        code=Payment.Method.VIETQR,
        label=_("Bank transfer by VietQR"),
        description=_(
            "Scan the QR code with any Vietnamese banking app; the order is confirmed when the money arrives."
        ),
        domestic_only=True,
    ),
    Payment.Method.STRIPE: PaymentMethod(
        code=Payment.Method.STRIPE,
        label=_("International card (Visa, Mastercard)"),
        description=_("Pay by card through Stripe; the amount is charged in Vietnamese đồng."),
        domestic_only=False,
    ),
}


def enabled_methods(*, country_code: str | None = None) -> list[PaymentMethod]:
    """The methods switched on in settings, in their configured order, usable for the given country."""
    methods = [METHODS[code] for code in settings.PAYMENT_METHODS if code in METHODS]
    if country_code and country_code != "VN":
        methods = [method for method in methods if not method.domestic_only]
    return methods


def get_method(code: str) -> PaymentMethod:
    """The enabled method with this code; raises KeyError for an unknown or disabled one."""
    if code not in settings.PAYMENT_METHODS or code not in METHODS:
        raise KeyError(code)
    return METHODS[code]
