"""Product cards: any listing's products (loaded ``Product``s or lean ``ProductCard``s) as cards.

A card's HTML is the same for every visitor but for the CSRF token of its add-to-basket form, so
it is rendered once per product version, site version, language and heading level with a
stand-in for the token, and kept in the cache; a listing reads all its cards in one cache read and writes the
visitor's token in.
"""

from django import template
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from catalogue.selectors import CARD_SECONDS, ProductCard
from shop.page_cache import SITE, content_version

register = template.Library()

CARD_TEMPLATE = "oscar/catalogue/partials/product_card.html"
TOKEN_STAND_IN = "csrf-token-of-the-visitor"
HEADINGS = ("h2", "h3")


def as_card(product) -> ProductCard:
    """The card data of ``product``; a ``ProductCard`` passes through unchanged."""
    return product if isinstance(product, ProductCard) else ProductCard.from_product(product)


@register.simple_tag(takes_context=True)
def product_cards(context, products, heading: str = "h3", wrapper: str = "") -> str:
    """The cards of ``products``, in order; their titles are ``heading`` elements (h2 where no
    other heading comes between the page's title and the grid). ``wrapper`` is a class for a
    ``<div>`` around each card."""
    heading = heading if heading in HEADINGS else "h3"
    cards = [as_card(product) for product in products]
    if not cards:
        return ""
    # The site's version is in the key too: a release moves it on (refresh_cached_pages).
    prefix = f"product-card:{content_version(SITE)}:{get_language()}:{heading}"
    keys = [f"{prefix}:{card.id}:{card.version}" for card in cards]
    found = cache.get_many(keys)
    rendered = {
        key: render_to_string(CARD_TEMPLATE, {"card": card, "heading": heading, "csrf_token": TOKEN_STAND_IN})
        for key, card in zip(keys, cards, strict=True)
        if key not in found
    }
    if rendered:
        cache.set_many(rendered, CARD_SECONDS)
    html = [found.get(key) or rendered[key] for key in keys]
    if wrapper:
        html = [f'<div class="{wrapper}">{card}</div>' for card in html]
    joined = "".join(html)
    request = context.get("request")
    if TOKEN_STAND_IN in joined:
        joined = joined.replace(TOKEN_STAND_IN, get_token(request) if request is not None else "")
    return mark_safe(joined)


@register.simple_tag(takes_context=True)
def product_card(context, product, heading: str = "h3") -> str:
    """One product's card (see ``product_cards``)."""
    return product_cards(context, [product], heading)
