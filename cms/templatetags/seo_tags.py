"""Head tags for search engines and sharing: canonical URL, hreflang alternates, Open Graph URL."""

from django import template
from django.conf import settings

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
    return {
        "canonical": request.build_absolute_uri(request.path),
        "alternates": alternates,
        "x_default": default,
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """``path`` on the host the visitor used (for Open Graph and other shared links)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path
