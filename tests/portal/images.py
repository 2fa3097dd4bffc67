"""Real image files made in the test: phone photos with EXIF, HEIC, and the files a portal must refuse."""

import struct
import zlib
from io import BytesIO

import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()

ORIENTATION = 0x0112
GPS_IFD = 0x8825


def _two_halves(size=(200, 100)) -> Image.Image:
    """Left half red, right half blue: which way is up can be read from the pixels."""
    image = Image.new("RGB", size, (220, 20, 20))
    image.paste((20, 20, 220), (size[0] // 2, 0, size[0], size[1]))
    return image


def _phone_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 15"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (21.0, 35.0, 12.5)
    gps[3] = "E"
    gps[4] = (105.0, 40.0, 1.25)
    return exif


def rotated_jpeg_with_gps(size=(200, 100)) -> bytes:
    """A JPEG stored sideways with EXIF orientation 6 (turn 90° clockwise to view) and GPS."""
    buffer = BytesIO()
    _two_halves(size).save(buffer, format="JPEG", quality=95, exif=_phone_exif(6))
    return buffer.getvalue()


def iphone_heic(size=(400, 300)) -> bytes:
    """An HEIC like an iPhone's: HEIF container, EXIF with the phone's make and GPS."""
    buffer = BytesIO()
    _two_halves(size).save(buffer, format="HEIF", quality=80, exif=_phone_exif(1))
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    image = Image.effect_noise((600, 400), 80).convert("RGB")
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=90)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def png_bomb(width=20_000, height=20_000) -> bytes:
    """A valid 1-bit PNG of width × height that weighs a few tens of kilobytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    b'<script>alert(document.cookie)</script><rect width="100" height="100" fill="green"/></svg>'
)

PDF_DOCUMENT = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
