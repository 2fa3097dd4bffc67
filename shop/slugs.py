"""Slugs for Vietnamese text: "đ" becomes "d" instead of vanishing."""

from oscar.core.utils import default_slugifier

VIETNAMESE_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})


def vietnamese_slugify(value: str, allow_unicode: bool = False) -> str:
    """Slugify like Oscar does, after mapping the letters Unicode cannot decompose.

    Django drops "đ" because NFKD leaves it whole; "Đồi chè" must become "doi-che".
    """
    return default_slugifier(str(value).translate(VIETNAMESE_LETTERS), allow_unicode=allow_unicode)
