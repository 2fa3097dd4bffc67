"""Product cards: any listing's product (a loaded ``Product`` or a lean ``ProductCard``) as a card."""

from django import template

from catalogue.selectors import ProductCard

register = template.Library()


@register.simple_tag
def as_card(product) -> ProductCard:
    """The card data of ``product``; a ``ProductCard`` passes through unchanged."""
    return product if isinstance(product, ProductCard) else ProductCard.from_product(product)
