"""VietQR payloads: the DESIGN.md vector exactly, read back (CRC, amount, memo), and as a QR image."""

import io

import pytest
import segno
import zxingcpp
from PIL import Image

from payments import vietqr

VECTOR = (
    "00020101021238540010A00000072701240006970436011010234567890208QRIBFTTA"
    "5303704540719430005802VN62120808TT0000696304A8E5"
)


def test_builds_the_design_vector_exactly():
    payload = vietqr.build_payload(bank_bin="970436", account="1023456789", amount=1_943_000, memo="TT000069")
    assert payload == VECTOR


def test_reads_the_vector_back():
    qr = vietqr.verify_payload(VECTOR, amount=1_943_000, memo="TT000069")
    assert (qr.bank_bin, qr.account, qr.amount, qr.memo) == ("970436", "1023456789", 1_943_000, "TT000069")


def test_crc_is_ccitt_false():
    assert vietqr.crc16_ccitt_false("123456789") == "29B1"


@pytest.mark.parametrize(
    "tampered",
    [
        VECTOR.replace("54071943000", "54071843000"),  # amount changed, CRC kept
        VECTOR.replace("TT000069", "TT000070"),  # memo changed
        VECTOR[:-4] + "0000",  # CRC replaced
        VECTOR[:-8],  # CRC missing
    ],
)
def test_rejects_a_payload_whose_crc_does_not_match(tampered):
    with pytest.raises(vietqr.VietQRError):
        vietqr.parse_payload(tampered)


def test_verify_rejects_a_different_amount_or_memo():
    with pytest.raises(vietqr.VietQRError, match="amount"):
        vietqr.verify_payload(VECTOR, amount=1_000_000, memo="TT000069")
    with pytest.raises(vietqr.VietQRError, match="memo"):
        vietqr.verify_payload(VECTOR, amount=1_943_000, memo="OCABCDEFGH")


@pytest.mark.parametrize("amount", [0, -5, 1.5])
def test_refuses_amounts_that_are_not_positive_whole_dong(amount):
    with pytest.raises(vietqr.VietQRError):
        vietqr.build_payload(bank_bin="970436", account="1", amount=amount, memo="X")


def test_qr_image_decodes_back_to_the_payload():
    payload = vietqr.build_payload(bank_bin="970422", account="0987654321", amount=500_000, memo="OCK7M2Q9XZ")
    buffer = io.BytesIO()
    segno.make_qr(payload, error="m").save(buffer, kind="png", scale=6, border=4)
    buffer.seek(0)
    decoded = zxingcpp.read_barcodes(Image.open(buffer))
    assert [barcode.text for barcode in decoded] == [payload]
    assert vietqr.parse_payload(decoded[0].text).amount == 500_000
