"""Head tags for search engines and sharing: canonical URL, hreflang alternates, and the Open
Graph URL, locale and image (see shop.social for what Zalo's and Facebook's previews need)."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from shop import social

from .site_tags import language_links

register = template.Library()


@register.inclusion_tag("cms/partials/seo_links.html", takes_context=True)
def seo_links(context) -> dict:
    """The canonical address of this page (without query) and its address in every language."""
    request = context.get("request")
    if request is None:
        return {}
    links = language_links(context)
    alternates = [
        {"code": link["code"], "url": request.build_absolute_uri(link["url"])} for link in links
    ]
    default = next((a["url"] for a in alternates if a["code"] == settings.LANGUAGE_CODE), None)
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "canonical": request.build_absolute_uri(request.path),
        "alternates": alternates,
        "x_default": default,
        "og_locale": social.og_locale(language),
        "og_locale_alternates": social.og_locale_alternates(language),
    }


@register.inclusion_tag("cms/partials/og_image.html", takes_context=True)
def og_image(context, source=None, product=None, alt: str = "") -> dict:
    """``og:image`` with its size and type: a Wagtail image (``source``) or a product's photo."""
    request = context.get("request")
    base = request.build_absolute_uri("/") if request is not None else ""
    if product is not None:
        image = social.product_share_image(product, base=base)
    else:
        image = social.page_share_image(source, base=base)
    return {"share_image": image, "alt": alt}


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` on the host the visitor used (for Open Graph and other shared links)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path
