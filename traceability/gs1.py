"""GS1 identifiers: GTIN check digits and GS1 Digital Link URIs (what the QR code on a package holds).

A Digital Link names a lot as ``https://{domain}/01/{GTIN-14}/10/{lot}[/21/{serial}]``: the primary
key (AI 01) and its qualifiers in that order in the path, percent-encoded; data attributes such as
the expiry date (AI 17, ``YYMMDD``) travel in the query string.

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

GTIN_LENGTHS = (8, 12, 13, 14)
# GS1 AI 10 (batch/lot) and AI 21 (serial): up to 20 characters of the GS1 "CSET 82" set.
CSET82 = re.compile(r"""^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$""")
DATE_ATTRIBUTES = {"11": "production date", "13": "packaging date", "15": "best before", "17": "expiry"}


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
    """A parsed GS1 Digital Link for a lot (optionally a serialised item) with its data attributes."""

    gtin: str
    lot: str
    serial: str = ""
    attributes: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return digital_link_path(gtin=self.gtin, lot=self.lot, serial=self.serial)

    def uri(self, base: str) -> str:
        return build_digital_link(
            base=base, gtin=self.gtin, lot=self.lot, serial=self.serial, attributes=self.attributes
        )


def digital_link_path(*, gtin: str, lot: str, serial: str = "") -> str:
    """The path ``/01/{gtin14}/10/{lot}[/21/{serial}]`` with the lot and serial percent-encoded."""
    path = f"/01/{to_gtin14(gtin)}/10/{quote(validate_lot(lot), safe='')}"
    if serial:
        path += f"/21/{quote(validate_lot(serial, what='serial'), safe='')}"
    return path


def build_digital_link(
    *, base: str, gtin: str, lot: str, serial: str = "", attributes: dict | None = None
) -> str:
    """A full Digital Link URI; ``attributes`` maps AIs to values (dates become YYMMDD) for the query.

    Raises GS1Error when the GTIN, lot or serial is invalid.
    """
    query = []
    for ai, value in (attributes or {}).items():
        if ai in DATE_ATTRIBUTES and isinstance(value, date):
            value = yymmdd(value)
        query.append((ai, str(value)))
    uri = base.rstrip("/") + digital_link_path(gtin=gtin, lot=lot, serial=serial)
    return f"{uri}?{urlencode(query)}" if query else uri


def parse_digital_link(uri: str, *, today: date | None = None) -> DigitalLink:
    """Read a Digital Link (full URI or path) back into its parts; query keys other than AIs are ignored.

    Raises GS1Error when the path is not ``/01/…/10/…[/21/…]`` or a key or date attribute is invalid.
    """
    parts = urlsplit(uri)
    segments = parts.path.strip("/").split("/")
    if len(segments) not in (4, 6) or segments[0] != "01" or segments[2] != "10":
        raise GS1Error("expected /01/{gtin}/10/{lot}[/21/{serial}]")
    if len(segments) == 6 and segments[4] != "21":
        raise GS1Error("only a serial (21) may follow the lot (10)")
    gtin = to_gtin14(unquote(segments[1]))
    lot = validate_lot(unquote(segments[3]))
    serial = validate_lot(unquote(segments[5]), what="serial") if len(segments) == 6 else ""
    attributes = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in DATE_ATTRIBUTES:
            parse_yymmdd(value, today=today)
            attributes[key] = value
        elif key.isdigit():
            attributes[key] = value
    return DigitalLink(gtin=gtin, lot=lot, serial=serial, attributes=attributes)
