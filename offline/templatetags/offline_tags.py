"""What the pages' scripts need to know of the shop's rules (the photo size the shop keeps)."""

from django import template

from catalogue.photos import ORIGINAL_LONG_SIDE

register = template.Library()


@register.simple_tag
def photo_long_side() -> int:
    """The long side (px) the shop keeps of a photo; the browser scales to it before sending."""
    return ORIGINAL_LONG_SIDE
