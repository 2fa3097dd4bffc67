"""Template helpers: an order's tracking (timeline and parcels) and a QR code drawn as inline SVG."""

import segno
from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from fulfilment.selectors import order_tracking as select_order_tracking
from orders.statuses import status_label as label_of_status
from traceability import exports, selectors

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
    return label_of_status(status)


@register.simple_tag
def line_trace(line) -> dict:
    """``{% line_trace line as trace %}``: what a packed line's QR code opens — the Digital Link of the
    lot it ships from (with its best-before date, as on the lot's labels), else its product page.

    ``trace`` has ``url`` (what the code encodes), ``lot`` (or None) and ``qr`` (inline SVG).
    """
    lot = selectors.lot_of_line(line)
    if lot is not None:
        url = exports.label_uri(lot)
    elif line.product_id is not None:
        url = settings.SITE_URL.rstrip("/") + line.product.get_absolute_url()
    else:
        return {"url": "", "lot": None, "qr": ""}
    return {"url": url, "lot": lot, "qr": qr_svg(url, scale=2)}
