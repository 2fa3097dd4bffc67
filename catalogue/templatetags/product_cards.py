"""Product cards: any listing's product (a loaded ``Product`` or a lean ``ProductCard``) as a card.

The part of a card that is the same for every visitor (photo, title, producer, stars, price) is
rendered once per product version and language and kept in the cache; the add-to-basket form,
which carries the visitor's CSRF token, is rendered on every request.
"""

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from catalogue.selectors import CARD_SECONDS, ProductCard

register = template.Library()


@register.simple_tag
def as_card(product) -> ProductCard:
    """The card data of ``product``; a ``ProductCard`` passes through unchanged."""
    return product if isinstance(product, ProductCard) else ProductCard.from_product(product)


@register.simple_tag
def card_summary(card: ProductCard) -> str:
    """The cached HTML of the card's shared part, keyed by everything it shows (``card.version``)."""
    key = f"product-card:{card.id}:{card.version}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render_to_string("oscar/catalogue/partials/product_card_summary.html", {"card": card})
        cache.set(key, html, CARD_SECONDS)
    return mark_safe(html)
