"""Product descriptions are written by producers, so they are untrusted HTML.

Oscar renders ``description|safe``; every description is cleaned when it is saved (producer
portal) and again when it is shown (anything entered elsewhere, e.g. the dashboard).
"""

import re
from html import unescape

import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_description(*, text: str) -> str:
    """Producer text made safe for the public product page.

    Plain text (no tags) keeps its paragraphs and line breaks; HTML keeps only paragraphs,
    line breaks, bold, italics, lists and links (which get ``rel="nofollow noopener noreferrer"``).
    Everything else, scripts, styles and event handlers included, is removed with its content.
    """
    text = (text or "").strip()
    if "<" not in text:
        text = linebreaks(text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )


def description_for_editing(*, html: str) -> str:
    """What an edit box shows: plain text when the description is only paragraphs and line breaks.

    ``clean_description`` turns that plain text back into the same HTML, so editing round-trips;
    richer HTML (bold, lists, links) is shown as it is.
    """
    if re.search(r"<(?!/?p>|br ?/?>)", html or ""):
        return html
    paragraphs = re.split(r"\s*</p>\s*", html or "")
    text = "\n\n".join(re.sub(r"<br ?/?>\s*", "\n", p.replace("<p>", "")).strip() for p in paragraphs)
    return unescape(text.strip())
