"""Template helpers: an order's tracking (timeline and parcels) and a QR code drawn as inline SVG."""

import segno
from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from fulfilment.selectors import order_tracking as select_order_tracking
from orders.statuses import OrderStatus

register = template.Library()


@register.simple_tag
def order_tracking(order):
    """``{% order_tracking order as tracking %}``: the order's timeline and parcels."""
    return select_order_tracking(order=order)


@register.simple_tag
def qr_svg(data: str, scale: int = 3) -> str:
    """``{% qr_svg url %}``: a QR code of ``data`` as an inline SVG element (no image request)."""
    code = segno.make(data, error="m")
    svg = code.svg_inline(scale=scale, dark="#000", light="#fff", omitsize=False)
    return mark_safe(svg)  # segno writes the markup itself; data only enters as drawn modules


@register.filter
def status_label(status: str) -> str:
    """``{{ order.status|status_label }}``: the translated name of a status code."""
    try:
        return OrderStatus(status).label
    except ValueError:
        return status


@register.simple_tag(takes_context=True)
def product_qr(context, line, scale: int = 2) -> str:
    """``{% product_qr line %}``: a QR of the line's product page (the fallback when no lot is known)."""
    if line.product_id is None:
        return ""
    url = settings.SITE_URL.rstrip("/") + line.product.get_absolute_url()
    return qr_svg(url, scale=scale)
