"""Template tags of the site's shared frame: the language switch and the showcase navigation."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from shop.page_cache import SITE, content_version, site_address

register = template.Library()

TRANSLATIONS_SECONDS = 24 * 3600


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in every language: a Wagtail page's own translation, else the same path.

    Worked out once per request (the header and the head's alternates both ask).
    """
    request = context["request"]
    current = get_language()
    page = context.get("page")
    remembered = request.__dict__.setdefault("_language_links", {})
    known = (page.pk if isinstance(page, Page) else None, current)
    if known not in remembered:
        remembered[known] = _language_links(request, page, current)
    return remembered[known]


def _language_links(request, page, current: str) -> list[dict]:
    translations = _translations(request, page) if isinstance(page, Page) else {}
    return [
        {
            "code": code,
            "name": name,
            "url": translations.get(code) or translate_url(request.get_full_path(), code),
            "active": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


def _translations(request, page: Page) -> dict[str, str]:
    """The addresses of the page's live translations by language, kept under the content version
    (every publish moves it on) and the host."""
    key = f"page-translations:{content_version(SITE)}:{site_address(request)}:{page.pk}"
    translations = cache.get(key)
    if translations is None:
        translations = {
            p.locale.language_code: p.url
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        cache.set(key, translations, TRANSLATIONS_SECONDS)
    return translations


@register.simple_tag(takes_context=True)
def frame_key(context) -> str:
    """What the cached parts of the site's frame (menu, footer) vary on: the content version,
    which every publish, category, producer or setting change moves on, the requested host
    (which Wagtail site answers) and the visitor's language."""
    request = context.get("request")
    if request is None:  # an error page rendered without a request is not cached
        return ""
    return f"{content_version()}:{site_address(request)}:{get_language()}"


@register.simple_tag(takes_context=True)
def menu_pages(context) -> list[Page]:
    """Pages staff marked "show in menus" under the home page of the visitor's language."""
    site = context.get("site")
    if not isinstance(site, Site):  # Django's auth views put a contrib.sites Site here
        site = Site.find_for_request(context["request"])
    if site is None:
        return []
    return list(site.root_page.localized.get_children().live().in_menu().specific(defer=True))


@register.simple_tag
def workspaces(user) -> dict:
    """Which working areas a signed-in user has: the producer portal, the co-op screens."""
    if not user.is_authenticated:
        return {"producer": False, "coop": False}
    return {"producer": user.partners.exists(), "coop": user.coops.exists()}
