"""Signed links to one order, for customers without an account (sent in their e-mails).

Order numbers alone reveal nothing: a page about an order opens only for its owner, for staff,
or through a link carrying a signature made with the site's secret key.
"""

from django.core import signing
from oscar.core.loading import get_model

Order = get_model("order", "Order")

SALT = "orders.links"
MAX_AGE_SECONDS = 180 * 24 * 3600


def order_token(order) -> str:
    """A URL-safe token naming the order, signed so that it cannot be forged or guessed."""
    return signing.dumps({"order": order.number}, salt=SALT, compress=True)


def order_from_token(token: str, *, max_age: int = MAX_AGE_SECONDS):
    """The order a token names; raises Order.DoesNotExist for a forged, altered or expired token."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature as error:
        raise Order.DoesNotExist("invalid or expired order link") from error
    return Order.objects.get(number=payload["order"])
