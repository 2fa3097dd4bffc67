"""The customer's tracking page reached by the signed link in their e-mails (no account needed)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model

from orders.links import order_from_token

from .selectors import order_tracking

Order = get_model("order", "Order")


@require_GET
def track_order(request, token: str):
    """Timeline and tracking numbers of the order the token names; 404 for a bad or expired token."""
    try:
        order = order_from_token(token)
    except Order.DoesNotExist:
        raise Http404("invalid or expired link") from None
    response = render(
        request, "fulfilment/track.html", {"order": order, "tracking": order_tracking(order=order)}
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
