"""Template tags other parts of the shop use to link to a lot's trace page (product page, order, e-mail),
the units the diary forms suggest, and an entry's texts in the reader's language."""

from django import template

from traceability import exports, gs1, selectors
from traceability.forms import UNITS_LIST
from traceability.units import UNIT_LABELS, in_reader_language, unit_label

register = template.Library()


@register.simple_tag
def product_traceability(product) -> dict:
    """The product's latest published lot (and its trace page path) and its certificates valid today."""
    if product is None or not getattr(product, "pk", None):
        return {"lot": None, "path": "", "certificates": []}
    lot = selectors.latest_published_lot(product=product)
    return {
        "lot": lot,
        "path": gs1.digital_link_path(gtin=lot.gtin, lot=lot.code) if lot else "",
        "certificates": selectors.current_certificates(product=product),
    }


@register.simple_tag
def line_trace_path(line) -> str:
    """The absolute Digital Link of the lot an order line was allocated from, or "" when none yet."""
    lot = selectors.lot_of_line(line)
    return exports.lot_uri(lot) if lot else ""


@register.simple_tag
def diary_units() -> dict:
    """The known units the diary's unit fields suggest: what the record keeps, labelled in the reader's language."""
    return {"list_id": UNITS_LIST, "labels": [(word, str(label)) for word, label in UNIT_LABELS.items()]}


@register.filter
def in_reader_words(event, field: str) -> str:
    """An entry's free text (``note``, ``input_product``, ``dose``) in the reader's language, by the
    trace page's rule (``units.in_reader_language``)."""
    return in_reader_language(getattr(event, field), getattr(event, f"{field}_en"))


register.filter("in_reader_unit", unit_label)
