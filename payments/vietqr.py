"""VietQR payloads (NAPAS EMVCo merchant-presented QR) for bank transfers, built and read back.

A payload is a string of TLV fields ``ID(2) LEN(2) VALUE`` ending with a CRC-16/CCITT-FALSE
over everything before it, including the CRC field's own ``6304`` header.
"""

from dataclasses import dataclass

import segno

NAPAS_GUID = "A000000727"
SERVICE_TRANSFER_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"


class VietQRError(ValueError):
    """A payload that is malformed, fails its checksum, or does not say what was expected."""


@dataclass(frozen=True)
class VietQR:
    bank_bin: str
    account: str
    amount: int
    memo: str


def crc16_ccitt_false(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) of the UTF-8 bytes, as 4 uppercase hex digits."""
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def build_payload(*, bank_bin: str, account: str, amount: int, memo: str) -> str:
    """The payload a banking app reads to prefill a transfer of ``amount`` ₫ with ``memo``.

    Raises VietQRError for an amount that is not a positive whole number of đồng.
    """
    if not isinstance(amount, int) or amount <= 0:
        raise VietQRError("amount must be a positive whole number of đồng")
    beneficiary = _field("00", bank_bin) + _field("01", account)
    merchant = (
        _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TRANSFER_TO_ACCOUNT)
    )
    body = (
        _field("00", "01")
        + _field("01", "12")
        + _field("38", merchant)
        + _field("53", CURRENCY_VND)
        + _field("54", str(amount))
        + _field("58", COUNTRY_VN)
        + _field("62", _field("08", memo))
        + "6304"
    )
    return body + crc16_ccitt_false(body)


def _fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    position = 0
    while position < len(text):
        tag, length = text[position : position + 2], text[position + 2 : position + 4]
        if len(tag) < 2 or not length.isdigit():
            raise VietQRError(f"malformed field at position {position}")
        end = position + 4 + int(length)
        if end > len(text):
            raise VietQRError(f"field {tag} runs past the end")
        fields[tag] = text[position + 4 : end]
        position = end
    return fields


def parse_payload(payload: str) -> VietQR:
    """Read a payload back, checking its CRC and structure; raises VietQRError when it is not valid."""
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise VietQRError("payload does not end with a CRC field")
    if crc16_ccitt_false(payload[:-4]) != payload[-4:].upper():
        raise VietQRError("CRC mismatch")
    fields = _fields(payload[:-8])
    if fields.get("00") != "01" or fields.get("53") != CURRENCY_VND or fields.get("58") != COUNTRY_VN:
        raise VietQRError("not a VND VietQR payload")
    merchant = _fields(fields.get("38", ""))
    if merchant.get("00") != NAPAS_GUID:
        raise VietQRError("not a NAPAS payload")
    beneficiary = _fields(merchant.get("01", ""))
    amount = fields.get("54", "")
    if not amount.isdigit():
        raise VietQRError("amount missing or not whole đồng")
    return VietQR(
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        amount=int(amount),
        memo=_fields(fields.get("62", "")).get("08", ""),
    )


def verify_payload(payload: str, *, amount: int, memo: str) -> VietQR:
    """Parse and check that the payload asks for exactly ``amount`` with ``memo``; raises VietQRError."""
    qr = parse_payload(payload)
    if qr.amount != amount:
        raise VietQRError(f"amount {qr.amount} differs from {amount}")
    if qr.memo != memo:
        raise VietQRError(f"memo {qr.memo!r} differs from {memo!r}")
    return qr


def qr_svg(payload: str, *, scale: int = 5) -> str:
    """The payload as an inline SVG QR code (error correction M, as banking apps expect)."""
    return segno.make_qr(payload, error="m").svg_inline(scale=scale, dark="#111", light="#fff")
