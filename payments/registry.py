"""The payment methods a shop offers, switched on by the PAYMENT_METHODS setting."""

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Payment


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    label: str
    description: str
    domestic_only: bool
    #: The module talking to the method's wallet (``ensure_request``, ``query``, ``refund``), if any.
    wallet_module: str = ""

    @property
    def configured(self) -> bool:
        """A wallet is usable only with its keys in the environment; other methods always are."""
        return not self.wallet_module or self.wallet().configured()

    def wallet(self):
        return import_module(self.wallet_module)


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
    Payment.Method.MOMO: PaymentMethod(
        code=Payment.Method.MOMO,
        label=_("MoMo wallet"),
        description=_(
            "Pay in the MoMo app: open MoMo's page or scan its QR code; the order is confirmed by MoMo."
        ),
        domestic_only=True,
        wallet_module="payments.momo",
    ),
    Payment.Method.ZALOPAY: PaymentMethod(
        code=Payment.Method.ZALOPAY,
        label=_("ZaloPay wallet"),
        description=_(
            "Pay in the ZaloPay app: open ZaloPay's page or scan its QR code; the order is confirmed by ZaloPay."
        ),
        domestic_only=True,
        wallet_module="payments.zalopay",
    ),
}


def enabled_methods(*, country_code: str | None = None) -> list[PaymentMethod]:
    """The methods switched on in settings, in their configured order, usable for the given country."""
    methods = [METHODS[code] for code in settings.PAYMENT_METHODS if code in METHODS and METHODS[code].configured]
    if country_code and country_code != "VN":
        methods = [method for method in methods if not method.domestic_only]
    return methods


def get_method(code: str) -> PaymentMethod:
    """The enabled method with this code; raises KeyError for an unknown, disabled or unconfigured one."""
    if code not in settings.PAYMENT_METHODS or code not in METHODS or not METHODS[code].configured:
        raise KeyError(code)
    return METHODS[code]


def wallet_of(code: str):
    """The wallet module of a payment method (``payments.momo``…), or None for a method without one."""
    method = METHODS.get(code)
    return method.wallet() if method and method.wallet_module else None
