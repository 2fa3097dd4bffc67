"""Vietnamese addresses since 1 July 2025: province → commune/ward (no district), mobile numbers."""

import re
from functools import cache

from vietnam_provinces import Province, Ward

MOBILE = re.compile(r"^(?:0|\+84|84)([35789]\d{8})$")


def normalise_mobile(raw: str) -> str | None:
    """``0912345678`` for any accepted spelling (spaces, dots, +84); None when not a Vietnamese mobile."""
    match = MOBILE.match(re.sub(r"[\s.\-()]", "", raw or ""))
    return f"0{match.group(1)}" if match else None


@cache
def provinces() -> list[tuple[int, str]]:
    return sorted(((int(p.code), p.name) for p in Province.iter_all()), key=lambda item: item[1])


@cache
def province_names() -> dict[int, str]:
    return dict(provinces())


@cache
def province_code_by_name() -> dict[str, int]:
    return {name: code for code, name in provinces()}


@cache
def wards_of(province_code: int) -> list[tuple[int, str]]:
    """The communes and wards of a province, by name; empty for an unknown province."""
    try:
        code = Province.from_code(province_code).code
    except (ValueError, KeyError):
        return []
    return sorted(((int(w.code), w.name) for w in Ward.iter_by_province(code)), key=lambda item: item[1])


def ward_in_province(ward_code: int, province_code: int) -> str | None:
    """The ward's name if it belongs to the province, else None."""
    return dict(wards_of(province_code)).get(ward_code)
