"""Every main page speaks one language: a Vietnamese page shows no English interface text and asks
the catalogue for no string it cannot translate; an English page shows no Vietnamese interface text.

Names are not translated: the people, co-operatives, places and tea kinds of the demo world (and
what a page marks with another ``lang``, such as the language switch) are allowed in both.
"""

import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.utils.translation import trans_real
from oscar.core.loading import get_model
from wagtail.models import Locale

from cms.models import ProducerPage, StoryPage
from demo import pages_text, world

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

PO_FILE = settings.BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"
TRACE_PAGE = "/01/08930000000033/10/AK26-03"
#: Interface words that give an English string away on a Vietnamese page.
ENGLISH_FRAGMENTS = re.compile(
    r"\b(?:Your basket|basket|Basket|Checkout|checkout|Add to|Search|Sign in|Log in|Login|Register|"
    r"Oops|reviews?|Reviews?|Continue|Total|Price|Shipping|Returns|Privacy|Payment|Home|Products|"
    r"Categories|Category|Producers?|Stories|Contact|Quantity|Password|Email address|"
    r"days?|hours?|minutes?|ago|Submit|Save|Cancel|Next|Previous|Menu|available|In stock|"
    r"Out of stock|Account|Order|Orders|Details|Description|Read more|More|Language|English)\b"
)
#: Letters only Vietnamese uses (English text has none).
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
                                re.IGNORECASE)
#: Words a Vietnamese page may show as they are (names of schemes and brands).
ALLOWED_IN_VIETNAMESE = {
    "OCOP", "VietGAP", "VietQR", "Zalo", "QR", "GTIN", "GS1", "Email", "email", "Stripe", "Menu",  # loanwords
}
ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")


def _proper_nouns() -> set[str]:
    """Every word of the demo world's names: people, co-ops, places, areas, tea kinds, and the
    operator's legal name and address."""
    names = [fact.name for fact in world.PRODUCERS] + [fact.name for fact in world.COOPS]
    names += [fact.village for fact in world.PRODUCERS] + list(pages_text.SELLER.values())
    names += [fact.name for fact in world.GROWING_AREAS] + world.TEA_KINDS
    names += [world.AREA_CODE_ISSUER, "An Khánh", "Thái Nguyên", "Đại Từ", "Cù Vân", "Hà Thượng",
              "Long Nguyệt", "Hà Nội", "Hồ Chí Minh", "Việt Nam", "Tiếng Việt", "Chè Tôm", "Vietcombank",
              "Trung tâm Kiểm nghiệm", "Hàng Bông", "Sông Gianh"]
    return {word for name in names for word in re.findall(r"\w+", name)}


class _VisibleText(HTMLParser):
    """The text a reader sees or hears (attributes included), skipping what is marked with another
    language, scripts and styles."""

    def __init__(self, language: str):
        super().__init__()
        self.language, self.stack, self.parts = language, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        foreign = bool(attrs.get("lang")) and not attrs["lang"].startswith(self.language)
        hidden = tag in ("script", "style", "template", "code", "pre")
        inherited = bool(self.stack and self.stack[-1])
        if tag in ("meta", "link", "input", "img", "br", "hr", "source", "wbr"):
            if not (inherited or foreign):
                self.parts += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]
            return
        self.stack.append(inherited or foreign or hidden)
        if not self.stack[-1]:
            self.parts += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        if tag not in ("meta", "link", "input", "img", "br", "hr", "source", "wbr") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def _visible(html: str, language: str) -> str:
    parser = _VisibleText(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _main_paths(language: str) -> list[str]:
    prefix = "" if language == "vi" else "/en"
    locale = Locale.objects.get(language_code=language)
    product = Product.objects.get(upc="8930000000026")
    paths = [
        "/", "/shop/catalogue/", product.categories.first().get_absolute_url(), product.get_absolute_url(),
        "/shop/basket/", "/search/?q=mat+ong", "/shop/accounts/login/", "/shop/checkout/",
    ]
    paths = [prefix + path.removeprefix("/en") for path in paths]
    paths += [ProducerPage.objects.live().filter(locale=locale).first().url,
              StoryPage.objects.live().filter(locale=locale).first().url, f"{TRACE_PAGE}?lang={language}"]
    return paths


def _shopper(language: str) -> Client:
    """A visitor with one honey jar in the basket (so basket and checkout show their full text)."""
    shopper = Client()
    prefix = "" if language == "vi" else "/en"
    product = Product.objects.get(upc="8930000000026")
    shopper.post(f"{prefix}/shop/basket/add/{product.pk}/", {"quantity": 1})
    return shopper


@pytest.fixture
def untranslated(monkeypatch):
    """The msgids the Vietnamese catalogue was asked for while a page rendered, but does not have."""
    catalogue = trans_real.translation("vi")
    missing: set[str] = set()
    gettext, ngettext = catalogue.gettext, catalogue.ngettext

    def recording_gettext(message):
        if message and catalogue._catalog.get(message) is None:
            missing.add(message)
        return gettext(message)

    def recording_ngettext(singular, plural, number):
        if catalogue._catalog.get((singular, 0)) is None:
            missing.add(singular)
        return ngettext(singular, plural, number)

    monkeypatch.setattr(catalogue, "gettext", recording_gettext)
    monkeypatch.setattr(catalogue, "ngettext", recording_ngettext)
    return missing


def test_every_message_of_the_catalogue_has_its_vietnamese_translation():
    with PO_FILE.open("rb") as source:
        catalogue = read_po(source)
    empty = [m.id for m in catalogue if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not empty, empty
    assert not fuzzy, fuzzy


def test_vietnamese_pages_use_only_translated_strings_and_show_no_english(demo_world, untranslated):
    shopper = _shopper("vi")
    names = _proper_nouns() | ALLOWED_IN_VIETNAMESE
    english = {}
    for path in _main_paths("vi"):
        response = shopper.get(path, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 200, path
        text = _visible(response.content.decode(), "vi")
        found = {m for m in ENGLISH_FRAGMENTS.findall(text) if m not in names}
        if found:
            english[path] = sorted(found)
    assert not english, "\n".join(f"{path}: {words}" for path, words in english.items())
    assert not untranslated, "\n".join(sorted(untranslated))


def test_english_pages_show_no_vietnamese_interface_text(demo_world):
    shopper = _shopper("en")
    names = {word.lower() for word in _proper_nouns()}
    vietnamese = {}
    for path in _main_paths("en"):
        response = shopper.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, path
        words = re.findall(r"\w+", _visible(response.content.decode(), "en"))
        found = {w for w in words if VIETNAMESE_LETTERS.search(w) and w.lower() not in names}
        if found:
            vietnamese[path] = sorted(found)
    assert not vietnamese, "\n".join(f"{path}: {words}" for path, words in vietnamese.items())
