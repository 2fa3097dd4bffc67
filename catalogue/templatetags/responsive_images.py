"""Responsive product photos: one ``<img>`` with WebP renditions at several widths and lazy loading.

Phones download the small rendition, wide screens the larger; nobody gets the original photo.
"""

import logging

from django import template
from django.utils.html import format_html

from catalogue.thumbnails import make_rendition

register = template.Library()
logger = logging.getLogger(__name__)

DEFAULT_WIDTHS = (240, 480, 800)


@register.simple_tag
def product_srcset(image_file, alt: str = "", sizes: str = "100vw", widths: str = "", loading: str = "lazy"):
    """``<img srcset=…>`` for a product image file (``image.original``); empty when there is no file
    (or it cannot be read: a broken photo must not break the page).

    ``widths`` is a comma-separated list of pixel widths (default 240, 480, 800); renditions
    keep the photo's proportions and are made once, then reused.
    """
    name = getattr(image_file, "name", image_file)
    if not name:
        return ""
    sizes_px = [int(w) for w in widths.split(",") if w.strip().isdigit()] if widths else DEFAULT_WIDTHS
    try:
        renditions = [make_rendition(name, width, 0) for width in sorted(sizes_px)]
    except (OSError, ValueError):
        logger.exception("No renditions for product image %s", name)
        return ""
    unique = {r.width: r for r in renditions}
    srcset = ", ".join(f"{r.url} {w}w" for w, r in sorted(unique.items()))
    fallback = renditions[0]
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async">',
        fallback.url,
        srcset,
        sizes,
        fallback.width,
        fallback.height,
        alt,
        loading,
    )
