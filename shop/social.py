"""What a shared link shows in Zalo and Facebook: the Open Graph image, locale and address.

Zalo's and Facebook's previews need an absolute ``og:image`` URL of a JPEG (or PNG) with its
``og:image:width``/``height`` declared; WebP is not reliably shown. The image is one of the
renditions the shop already makes: the product photo pipeline's 1280-pixel JPEG (640 when that
one is heavier than the previews accept), or Wagtail's ``fill-1200x630`` JPEG rendition of a
showcase page's picture. Nothing is drawn anew here.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage

from catalogue.thumbnails import make_rendition

logger = logging.getLogger(__name__)

#: Below this width Facebook shows a small thumbnail instead of a card.
MIN_WIDTH = 600
#: Zalo and Facebook fetch images up to a few hundred kilobytes quickly; stay under this.
MAX_BYTES = 300 * 1024
#: Wagtail rendition for showcase pages (1.91:1, the card's shape).
WAGTAIL_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"
#: Product photo renditions tried in order (widths the photo pipeline makes as JPEG).
PRODUCT_WIDTHS = (1280, 640)
#: Open Graph locales of the shop's languages.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    type: str = "image/jpeg"


def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, language_code.replace("-", "_"))


def og_locale_alternates(language_code: str) -> list[str]:
    return [og_locale(code) for code, _name in settings.LANGUAGES if code != language_code]


def absolute(url: str, *, base: str = "") -> str:
    """``url`` with the scheme and host of ``base`` (the site's address by default)."""
    if url.startswith(("http://", "https://")):
        return url
    return (base or settings.SITE_URL).rstrip("/") + url


def product_share_image(product, *, base: str = "", image=None) -> ShareImage | None:
    """The product's first photo (or ``image``, a ProductImage already at hand) as a JPEG of at
    least 600 px and under 300 KB, when it has one."""
    image = image or product.primary_image()
    name = getattr(getattr(image, "original", None), "name", "")
    if not name:
        return None
    for width in PRODUCT_WIDTHS:
        try:
            rendition = make_rendition(name, width, 0, "jpeg")
            size = default_storage.size(rendition.name)
        except (OSError, ValueError):
            logger.exception("No share image for product %s", product.pk)
            return None
        if size <= MAX_BYTES or width == PRODUCT_WIDTHS[-1]:
            return ShareImage(absolute(rendition.url, base=base), rendition.width, rendition.height)
    return None


def page_share_image(image, *, base: str = "") -> ShareImage | None:
    """A Wagtail image's 1200×630 JPEG rendition (made once, kept by Wagtail)."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(WAGTAIL_FILTER)
    except (OSError, ValueError):
        logger.exception("No share image for Wagtail image %s", image.pk)
        return None
    return ShareImage(absolute(rendition.url, base=base), rendition.width, rendition.height)


def trace_card(*, product, image, path: str, language: str) -> dict:
    """Open Graph address, image and locales of a lot's trace page (rendered without a request,
    so its addresses start from TRACE_BASE_URL, the address its QR codes print)."""
    base = settings.TRACE_BASE_URL
    return {
        "url": absolute(path, base=base),
        "image": product_share_image(product, base=base, image=image) if image else None,
        "locale": og_locale(language),
        "locale_alternates": og_locale_alternates(language),
    }
