"""E-mails about an order's payment, in the language the buyer used, with a signed link to the order."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from orders.links import order_token

KINDS = ("received", "paid", "expired", "cancelled", "refunded")


def order_page_url(order, *, language: str) -> str:
    """The absolute, signed address of the order's payment and status page."""
    with translation.override(language):
        path = reverse("payments:order", kwargs={"token": order_token(order)})
    return settings.SITE_URL.rstrip("/") + path


def send_order_email(*, payment, kind: str) -> None:
    """Send one of KINDS about the payment's order; call it from transaction.on_commit."""
    order = payment.order
    recipient = order.email
    if not recipient or kind not in KINDS:
        return
    with translation.override(payment.language):
        context = {
            "order": order,
            "payment": payment,
            "order_url": order_page_url(order, language=payment.language),
            "bank": bank_details(),
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        subject = " ".join(render_to_string(f"payments/email/{kind}_subject.txt", context).split())
        body = render_to_string(f"payments/email/{kind}_body.txt", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    message.send(fail_silently=True)


def bank_details() -> dict:
    return {
        "bank_name": settings.VIETQR_BANK_NAME,
        "bin": settings.VIETQR_BANK_BIN,
        "account": settings.VIETQR_ACCOUNT_NUMBER,
        "account_name": settings.VIETQR_ACCOUNT_NAME,
    }
