"""The units diaries and lots are counted in, and the English a reader abroad sees for them.

The record keeps the unit as the producer wrote it (a Vietnamese word such as "gói"); the
units of this fixed vocabulary are shown through the translation catalogue (msgid in English,
msgstr the record's word), any other unit as it was written.
"""

from django.utils import translation
from django.utils.translation import pgettext_lazy

#: Each unit as the record keeps it, with its label in the reader's language.
UNIT_LABELS = {
    "gói": pgettext_lazy("unit", "packet"),
    "lọ": pgettext_lazy("unit", "jar"),
    "hộp": pgettext_lazy("unit", "box"),
    "chai": pgettext_lazy("unit", "bottle"),
    "bao": pgettext_lazy("unit", "sack"),
    "lít": pgettext_lazy("unit", "litre"),
    "cây": pgettext_lazy("unit", "plants"),
    "% ẩm": pgettext_lazy("unit", "% moisture"),
}


def unit_label(unit: str) -> str:
    """``unit`` in the active language when it belongs to the vocabulary, else as written."""
    label = UNIT_LABELS.get(unit.strip())
    return unit if label is None else str(label)


def in_reader_language(vietnamese: str, english: str) -> str:
    """The English text for an English reader when there is one, else the producer's Vietnamese."""
    if english and translation.get_language() == "en":
        return english
    return vietnamese
