"""Talking to Stripe: one PaymentIntent per order (idempotent), server-side confirmation, refunds.

Amounts are whole đồng: VND is zero-decimal at Stripe, so 250,000 ₫ is ``amount=250000``.
Nothing here marks an order paid; only the verified webhook does (payments/services.py).
"""

import logging
from dataclasses import dataclass

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

from . import services
from .models import Payment

logger = logging.getLogger(__name__)

#: Tests put a stripe HTTPClient here to simulate declines and timeouts at the network edge.
HTTP_CLIENT: stripe.HTTPClient | None = None


def _declined() -> str:
    return _("Your card was declined. Try another card, or pay by bank transfer (VietQR) instead.")


def _unreachable() -> str:
    return _(
        "The card service did not answer. Your order is saved; please try again, "
        "or pay by bank transfer (VietQR) instead."
    )


class CardPaymentError(Exception):
    """The card payment could not proceed; ``message`` is for the buyer, ``retry`` says whether to retry."""

    def __init__(self, message: str, *, retry: bool):
        super().__init__(message)
        self.message = message
        self.retry = retry


@dataclass(frozen=True)
class CardAttempt:
    intent_id: str
    status: str
    client_secret: str


def client() -> stripe.StripeClient:
    """A Stripe client configured from settings (STRIPE_SECRET_KEY, STRIPE_API_BASE)."""
    options = {"base_addresses": {"api": settings.STRIPE_API_BASE}, "max_network_retries": 0}
    if HTTP_CLIENT is not None:
        options["http_client"] = HTTP_CLIENT
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def _intent_key(payment: Payment) -> str:
    return f"ocop-order-{payment.order.number}-intent"


def ensure_payment_intent(*, payment: Payment) -> CardAttempt:
    """The order's PaymentIntent, created once: a retry after a timeout reuses the same idempotency key.

    Raises CardPaymentError when Stripe cannot be reached (the order stays pending).
    """
    try:
        if payment.provider_reference:
            intent = client().v1.payment_intents.retrieve(payment.provider_reference)
        else:
            intent = client().v1.payment_intents.create(
                params={
                    "amount": payment.amount,
                    "currency": "vnd",
                    "payment_method_types": ["card"],
                    "metadata": {"order": payment.order.number},
                },
                options={"idempotency_key": _intent_key(payment)},
            )
            services.record_card_payment_intent(payment=payment, intent_id=intent.id)
            payment.provider_reference = intent.id
    except stripe.StripeError as error:
        logger.warning("card service error for order %s: %s", payment.order.number, error)
        raise CardPaymentError(_unreachable(), retry=True) from error
    return CardAttempt(intent_id=intent.id, status=intent.status, client_secret=intent.client_secret or "")


def confirm_card(*, payment: Payment, payment_method_id: str) -> CardAttempt:
    """Attach the card (a PaymentMethod made by Stripe.js) and confirm; the webhook settles the order.

    Raises CardPaymentError: a decline (retry with another card) or a network failure (retry).
    """
    attempt = ensure_payment_intent(payment=payment)
    if attempt.status in ("succeeded", "processing"):
        return attempt
    api = client().v1.payment_intents
    try:
        api.update(attempt.intent_id, params={"payment_method": payment_method_id})
        intent = api.confirm(attempt.intent_id)
    except stripe.CardError as error:
        raise CardPaymentError(_declined(), retry=True) from error
    except stripe.StripeError as error:
        logger.warning("card service error for order %s: %s", payment.order.number, error)
        raise CardPaymentError(_unreachable(), retry=True) from error
    return CardAttempt(intent_id=intent.id, status=intent.status, client_secret=intent.client_secret or "")


def cancel_intent_quietly(*, intent_id: str) -> None:
    """Cancel an expired order's PaymentIntent so the card can no longer be charged; failures are logged."""
    try:
        client().v1.payment_intents.cancel(intent_id)
    except stripe.StripeError:
        logger.warning("could not cancel PaymentIntent %s", intent_id, exc_info=True)


def refund_card(*, payment: Payment, amount: int, reason: str = "") -> None:
    """Refund ``amount`` ₫ of a card payment; raises CardPaymentError if Stripe refuses or is unreachable."""
    if amount <= 0 or amount > payment.refundable:
        raise CardPaymentError(f"Refund must be between 1 and {payment.refundable} ₫.", retry=False)
    key = f"ocop-order-{payment.order.number}-refund-{payment.amount_refunded}-{amount}"
    try:
        refund = client().v1.refunds.create(
            params={"payment_intent": payment.provider_reference, "amount": amount},
            options={"idempotency_key": key},
        )
    except stripe.StripeError as error:
        logger.warning("refund for order %s failed: %s", payment.order.number, error)
        raise CardPaymentError(_("The card service did not accept the refund; try again later."), retry=True) from error
    services.record_refund(payment=payment, amount=amount, provider_reference=refund.id, reason=reason)


def verified_event(*, payload: bytes, signature: str) -> dict:
    """The event in a webhook request, verified against STRIPE_WEBHOOK_SECRET on the raw body.

    Raises ValueError (bad JSON) or stripe.SignatureVerificationError (bad or stale signature).
    """
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise stripe.SignatureVerificationError("STRIPE_WEBHOOK_SECRET is not set", signature)
    event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
    return event.to_dict()
