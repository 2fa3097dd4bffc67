"""Whole numbers as producers type them: "320.000", "320,000 ₫", "320000", "320 000 đ"."""

import re

_CURRENCY = re.compile(r"(₫|đồng|đ|vnd)", re.IGNORECASE)


def whole_number(text) -> int | None:
    """The whole number in ``text`` (dots, commas and spaces group thousands; a currency sign or a
    spreadsheet's trailing ".0" is ignored), or None when it is not one."""
    value = _CURRENCY.sub("", str(text or "")).replace(" ", "").replace("\u00a0", "")
    if value.endswith(".0"):
        value = value[:-2]
    value = value.replace(".", "").replace(",", "")
    return int(value) if value.isdigit() else None
