"""How a page of the shop looks when its link is shared in Zalo or Facebook.

The page is fetched the way a preview robot fetches it (a GET, no cookies), its Open Graph tags
are read, its image is fetched too, and everything the previews need is checked: a title, a
description, an absolute JPEG or PNG image at least 600 px wide, under 300 KB, whose declared
size is its real size, the page's address and its locales.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from shop.social import MAX_BYTES, MIN_WIDTH

#: What a preview robot says it is (Zalo's own robot sends its name; any plain GET will do).
ROBOT = "ocop-preview-card (like Zalo and facebookexternalhit)"


class OpenGraphTags(HTMLParser):
    """Collects ``<meta property="og:…" content="…">`` of one page (repeated ones as a list)."""

    def __init__(self):
        super().__init__()
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag != "meta":
            return
        values = dict(attrs)
        name = values.get("property") or ""
        if name.startswith("og:") and values.get("content") is not None:
            self.tags.setdefault(name, []).append(values["content"])


def og_tags(html: str) -> dict[str, list[str]]:
    parser = OpenGraphTags()
    parser.feed(html)
    return parser.tags


@dataclass
class PreviewCard:
    address: str
    status: int
    tags: dict[str, list[str]] = field(default_factory=dict)
    image_format: str = ""
    image_size: tuple[int, int] | None = None
    image_bytes: int = 0
    problems: list[str] = field(default_factory=list)

    def first(self, name: str) -> str:
        return (self.tags.get(name) or [""])[0]

    @property
    def title(self) -> str:
        return self.first("og:title")

    @property
    def description(self) -> str:
        return self.first("og:description")

    @property
    def image(self) -> str:
        return self.first("og:image")


def _client(host: str) -> Client:
    return Client(HTTP_HOST=host, HTTP_USER_AGENT=ROBOT)


def preview_of(address: str, *, host: str = "") -> PreviewCard:
    """Fetch ``address`` (a path or a URL of this shop) and check its share preview."""
    parts = urlsplit(address)
    host = parts.netloc or host or urlsplit(settings.SITE_URL).netloc
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    response = _client(host).get(path, follow=True)
    card = PreviewCard(address=address, status=response.status_code)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        card.problems.append(_("The page answers %(status)s, not an HTML page.") % {"status": response.status_code})
        return card
    card.tags = og_tags(response.content.decode(response.charset or "utf-8", "replace"))
    for name in ("og:title", "og:description", "og:url", "og:locale", "og:image"):
        if not card.first(name):
            card.problems.append(_("%(tag)s is missing.") % {"tag": name})
    if card.image:
        _check_image(card, host=host)
    return card


def _check_image(card: PreviewCard, *, host: str) -> None:
    image_parts = urlsplit(card.image)
    if not image_parts.scheme or not image_parts.netloc:
        card.problems.append(_("og:image is not an absolute address."))
        return
    response = _client(image_parts.netloc or host).get(image_parts.path)
    if response.status_code != 200:
        card.problems.append(_("og:image answers %(status)s.") % {"status": response.status_code})
        return
    content = b"".join(response.streaming_content) if response.streaming else response.content
    card.image_bytes = len(content)
    try:
        with Image.open(BytesIO(content)) as picture:
            card.image_format, card.image_size = picture.format, picture.size
    except UnidentifiedImageError:
        card.problems.append(_("og:image is not an image."))
        return
    if card.image_format not in ("JPEG", "PNG"):
        card.problems.append(_("og:image is %(format)s; Zalo shows JPEG or PNG.") % {"format": card.image_format})
    if card.image_size[0] < MIN_WIDTH:
        card.problems.append(_("og:image is narrower than %(width)s px.") % {"width": MIN_WIDTH})
    if card.image_bytes > MAX_BYTES:
        card.problems.append(_("og:image is larger than %(kb)s KB.") % {"kb": MAX_BYTES // 1024})
    declared = (card.first("og:image:width"), card.first("og:image:height"))
    if declared != tuple(str(side) for side in card.image_size):
        card.problems.append(_("og:image:width/height are missing or differ from the image's size."))
