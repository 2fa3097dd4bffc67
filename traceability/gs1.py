"""GS1 identifiers: GTIN check digits and GS1 Digital Link URIs (what the QR code on a package holds).

A Digital Link names a product as ``https://{domain}/01/{GTIN-14}`` and narrows it with key
qualifiers, in this order, in the path: ``/22/{variant}``, ``/10/{lot}``, ``/21/{serial}`` (each
optional, each percent-encoded); data attributes such as the expiry date (AI 17, ``YYMMDD``)
travel in the query string and are checked against GS1's syntax for their AI. A compressed
Digital Link (one path segment of base64url) is read back with the ``gs1-compression`` package.

Stable identifiers without GS1 membership
-----------------------------------------
A GTIN is only globally unique when its company prefix is licensed from GS1 (GS1 Vietnam hands out
prefixes starting 893). A producer who has not joined yet still needs identifiers that never change,
because printed QR codes live for years. The shop therefore:

* keeps the GTIN on the product (its UPC field), whatever its origin, and normalises it to 14 digits;
* for a producer without a licence, issues numbers from a range the operator holds (the co-op's or
  the shop's own licensed prefix, one item reference per product) — never a random or made-up
  prefix, which could collide with a real brand;
* makes the lot code the producer's own (unique per GTIN) and never reuses it;
* answers every Digital Link it ever printed at the same path on its own domain, so a code stays
  resolvable even if the product later gets a GTIN of its own (the old lots keep their old GTIN).
"""

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from gs1 import constants as gs1_tables
from gs1.decompress.analyse_uri import extract_from_compressed_gs1_digital_link

GTIN_LENGTHS = (8, 12, 13, 14)
# GS1 AI 10 (batch/lot) and AI 21 (serial): up to 20 characters of the GS1 "CSET 82" set.
CSET82 = re.compile(r"""^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$""")
DATE_ATTRIBUTES = {
    "11": "production date", "12": "due date", "13": "packaging date", "15": "best before",
    "16": "sell by", "17": "expiry",
}
#: The key qualifiers of a GTIN, in the order a Digital Link path carries them.
GTIN_QUALIFIERS = {"22": "variant", "10": "lot", "21": "serial"}
COMPRESSED = re.compile(r"^[A-Za-z0-9_-]{10,}$")


class GS1Error(ValueError):
    """An identifier that is malformed or fails its check digit; the message says which and why."""


def check_digit(data_digits: str) -> int:
    """The GS1 mod-10 check digit of ``data_digits`` (weights 3,1,3,… from the rightmost digit)."""
    if not data_digits.isdigit():
        raise GS1Error(f"not all digits: {data_digits!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(data_digits)))
    return (10 - total % 10) % 10


def is_valid_gtin(value: str) -> bool:
    """True when ``value`` is a GTIN-8/12/13/14 whose last digit is its check digit."""
    return (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and len(value) in GTIN_LENGTHS
        and check_digit(value[:-1]) == int(value[-1])
    )


def to_gtin14(value: str) -> str:
    """Normalise a GTIN-8/12/13/14 to the 14 digits used in Digital Links and EPCIS.

    Raises GS1Error when the value is not digits, has the wrong length or a wrong check digit.
    """
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        raise GS1Error(f"a GTIN is digits only, got {value!r}")
    if len(value) not in GTIN_LENGTHS:
        raise GS1Error(f"a GTIN has 8, 12, 13 or 14 digits, got {len(value)}")
    expected = check_digit(value[:-1])
    if expected != int(value[-1]):
        raise GS1Error(f"wrong check digit in GTIN {value}: expected {expected}")
    return value.zfill(14)


def validate_lot(value: str, *, what: str = "lot") -> str:
    """Return ``value`` when it is a valid AI 10/21 value (1–20 CSET 82 characters), else raise GS1Error."""
    if not isinstance(value, str) or not CSET82.match(value):
        raise GS1Error(f"a {what} is 1 to 20 letters, digits or GS1 punctuation, got {value!r}")
    return value


def yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def parse_yymmdd(value: str, *, today: date | None = None) -> date:
    """Read a GS1 date (YYMMDD; DD=00 means the month's last day) with GS1's sliding century.

    Raises GS1Error on anything that is not a real date.
    """
    if not re.fullmatch(r"\d{6}", value or ""):
        raise GS1Error(f"a GS1 date is YYMMDD, got {value!r}")
    today = today or date.today()
    yy, month, day = int(value[:2]), int(value[2:4]), int(value[4:])
    century = today.year // 100 * 100
    difference = yy - today.year % 100
    if difference >= 51:
        century -= 100
    elif difference <= -50:
        century += 100
    year = century + yy
    if not 1 <= month <= 12:
        raise GS1Error(f"no month {month} in {value}")
    if day == 0:
        next_month = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)
    try:
        return date(year, month, day)
    except ValueError as error:
        raise GS1Error(f"no such day: {value}") from error


@dataclass(frozen=True)
class DigitalLink:
    """A parsed GS1 Digital Link for a GTIN: a product, its variant, a lot of it or a serialised item.

    ``gtin`` is always the 14-digit form; ``written_gtin`` is the key as the link carried it
    (8, 12, 13 or 14 digits), so a resolver can tell a link that needs normalising.
    """

    gtin: str
    lot: str = ""
    serial: str = ""
    cpv: str = ""
    attributes: dict = field(default_factory=dict)
    written_gtin: str = ""

    @property
    def path(self) -> str:
        return digital_link_path(gtin=self.gtin, lot=self.lot, serial=self.serial, cpv=self.cpv)

    @property
    def lot_path(self) -> str:
        """The path of the lot (or of the product when there is no lot), without variant or serial."""
        return digital_link_path(gtin=self.gtin, lot=self.lot)

    @property
    def is_canonical(self) -> bool:
        return not self.written_gtin or self.written_gtin == self.gtin

    def uri(self, base: str) -> str:
        return build_digital_link(
            base=base, gtin=self.gtin, lot=self.lot, serial=self.serial, cpv=self.cpv,
            attributes=self.attributes,
        )


def _segment(value: str) -> str:
    return quote(value, safe="")


def digital_link_path(*, gtin: str, lot: str = "", serial: str = "", cpv: str = "") -> str:
    """The path ``/01/{gtin14}[/22/{cpv}][/10/{lot}][/21/{serial}]``, qualifiers percent-encoded.

    Raises GS1Error when the GTIN or a qualifier is invalid.
    """
    path = f"/01/{to_gtin14(gtin)}"
    for ai, value in (("22", cpv), ("10", lot), ("21", serial)):
        if value:
            path += f"/{ai}/{_segment(validate_lot(value, what=GTIN_QUALIFIERS[ai]))}"
    return path


def build_digital_link(
    *, base: str, gtin: str, lot: str = "", serial: str = "", cpv: str = "", attributes: dict | None = None
) -> str:
    """A full Digital Link URI; ``attributes`` maps AIs to values (dates become YYMMDD) for the query.

    Raises GS1Error when the GTIN, a qualifier or an attribute is invalid.
    """
    query = []
    for ai, value in (attributes or {}).items():
        if ai in DATE_ATTRIBUTES and isinstance(value, date):
            value = yymmdd(value)
        query.append((ai, validate_attribute(ai, str(value))))
    uri = base.rstrip("/") + digital_link_path(gtin=gtin, lot=lot, serial=serial, cpv=cpv)
    return f"{uri}?{urlencode(query)}" if query else uri


def validate_attribute(ai: str, value: str, *, today: date | None = None) -> str:
    """Return ``value`` when it is valid for the data attribute ``ai``, else raise GS1Error.

    Dates must be real dates; every other AI is checked against GS1's syntax for it. Primary keys
    and key qualifiers are refused: they belong in the path.
    """
    if ai in DATE_ATTRIBUTES:
        parse_yymmdd(value, today=today)
        return value
    if ai not in gs1_tables.AI_MAPS["dataAttributes"]:
        raise GS1Error(f"{ai} is not a GS1 data attribute")
    if not gs1_tables.AI_REGEX[ai].match(value):
        raise GS1Error(f"{value!r} is not a valid value for AI {ai}")
    return value


def _pairs(segments: list[str], *, decoded: bool) -> list[tuple[str, str]]:
    """The (AI, value) pairs after the GTIN. On a decoded path a value may hold ``/``: a segment
    belongs to the value before it unless it is a qualifier that may still follow."""
    if not decoded:
        if len(segments) % 2:
            raise GS1Error("a key qualifier has no value")
        return [(segments[i], unquote(segments[i + 1])) for i in range(0, len(segments), 2)]
    order = list(GTIN_QUALIFIERS)
    pairs, index = [], 0
    while index < len(segments):
        ai = segments[index]
        if index + 1 >= len(segments):
            raise GS1Error("a key qualifier has no value")
        later = order[order.index(ai) + 1:] if ai in order else []
        end = index + 2
        while end < len(segments) and (segments[end] not in later or end + 1 >= len(segments)):
            end += 1
        pairs.append((ai, "/".join(segments[index + 1:end])))
        index = end
    return pairs


def parse_digital_link(uri: str, *, today: date | None = None, decoded: bool = False) -> DigitalLink:
    """Read an uncompressed Digital Link for a GTIN (full URI or path, query included) into its parts.

    ``decoded`` says the path was already percent-decoded by the web server (a lot's ``%2F`` then
    arrives as ``/``). Query keys that are not all digits (``linkType``, ``lang``) are ignored.
    Raises GS1Error when the path is not ``/01/{gtin}[/22/…][/10/…][/21/…]`` in that order, or a
    key, qualifier or data attribute is invalid.
    """
    parts = urlsplit(uri)
    segments = parts.path.split("/")[1:]
    if len(segments) < 2 or segments[0] != "01":
        raise GS1Error("expected /01/{gtin}[/22/{variant}][/10/{lot}][/21/{serial}]")
    written = segments[1] if decoded else unquote(segments[1])
    qualifiers, last = {}, -1
    order = list(GTIN_QUALIFIERS)
    for ai, value in _pairs(segments[2:], decoded=decoded):
        if ai not in GTIN_QUALIFIERS:
            raise GS1Error(f"{ai!r} is not a key qualifier of a GTIN (22, 10, 21)")
        if order.index(ai) <= last:
            raise GS1Error("key qualifiers must follow the order 22, 10, 21, each once")
        last = order.index(ai)
        qualifiers[ai] = validate_lot(value, what=GTIN_QUALIFIERS[ai])
    attributes = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.isdigit():
            attributes[key] = validate_attribute(key, value, today=today)
    return DigitalLink(
        gtin=to_gtin14(written), lot=qualifiers.get("10", ""), serial=qualifiers.get("21", ""),
        cpv=qualifiers.get("22", ""), attributes=attributes, written_gtin=written,
    )


def decompress_digital_link(uri: str) -> DigitalLink | None:
    """Read a compressed Digital Link (``https://{domain}/{base64url}``) back into its parts.

    Returns None when the path does not decompress to a valid GTIN link: another key type, or
    a word that merely looks like base64url (``/gioi-thieu``), which the site's pages then answer.
    """
    segment = urlsplit(uri).path.strip("/")
    if not COMPRESSED.match(segment):
        return None
    try:
        values = extract_from_compressed_gs1_digital_link(f"https://resolver.invalid/{segment}")["GS1"]
        gtin = to_gtin14(values["01"])
        for ai in GTIN_QUALIFIERS:
            if ai in values:
                validate_lot(values[ai], what=GTIN_QUALIFIERS[ai])
        attributes = {
            ai: validate_attribute(ai, value) for ai, value in values.items() if ai not in {"01", *GTIN_QUALIFIERS}
        }
    except Exception:  # the package raises bare errors on anything it cannot read
        return None
    return DigitalLink(
        gtin=gtin, lot=values.get("10", ""), serial=values.get("21", ""), cpv=values.get("22", ""),
        attributes=attributes, written_gtin=gtin,
    )
