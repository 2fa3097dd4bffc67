"""Template tags of the site's shared frame: the language switch and the showcase navigation."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from shop.page_cache import SITE, content_version

register = template.Library()

MENU_CACHE_SECONDS = 3600


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in every language: a Wagtail page's own translation, else the same path."""
    request = context["request"]
    current = get_language()
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p.url
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    return [
        {
            "code": code,
            "name": name,
            "url": translations.get(code) or translate_url(request.get_full_path(), code),
            "active": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def menu_pages(context) -> list[Page]:
    """Pages staff marked "show in menus" under the home page of the visitor's language.

    Cached under the page cache's content version, which every publish moves on.
    """
    site = context.get("site")
    if not isinstance(site, Site):  # Django's auth views put a contrib.sites Site here
        site = Site.find_for_request(context["request"])
    if site is None:
        return []
    key = f"site-menu:{content_version(SITE)}:{site.pk}:{get_language()}"
    pages = cache.get(key)
    if pages is None:
        root = site.root_page.localized
        pages = list(root.get_children().live().in_menu().specific(defer=True))
        cache.set(key, pages, MENU_CACHE_SECONDS)
    return pages



@register.simple_tag
def workspaces(user) -> dict:
    """Which working areas a signed-in user has: the producer portal, the co-op screens."""
    if not user.is_authenticated:
        return {"producer": False, "coop": False}
    return {"producer": user.partners.exists(), "coop": user.coops.exists()}
