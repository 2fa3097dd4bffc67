"""Vietnamese text as a search engine sees it: no diacritics, no case, "đ" as "d", words only."""

import re
import unicodedata

MAX_QUERY_CHARS = 100
MAX_TERMS = 8
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str | None) -> str | None:
    """Lower-case ``text`` and strip its diacritics: "Chè Tôm Đồng" → "che tom dong"."""
    if text is None:
        return None
    text = str(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_terms(query: str | None) -> list[str]:
    """The words of a visitor's query, folded; anything that is not a letter or digit is a gap.

    Very long input is cut, so no query can cost more than ``MAX_TERMS`` conditions.
    """
    folded = fold((query or "")[: MAX_QUERY_CHARS * 4]) or ""
    words = _NOT_WORD.sub(" ", folded[:MAX_QUERY_CHARS]).split()
    unique = list(dict.fromkeys(words))
    return unique[:MAX_TERMS]
