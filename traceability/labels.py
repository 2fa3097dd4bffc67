"""Printable QR labels: an A4 sheet (PNG or PDF, 300 dpi) of labels encoding a lot's Digital Link.

Each label shows the QR code (segno, error correction M, four-module quiet zone), the product
name, the lot code, the date the code carries (best before or expiry, worded as the AI says) and
the readable URL under the code. Every label asked for is drawn, ten to an A4 page: a PDF holds
all the pages, a PNG one page, so a sheet of several pages comes as a ZIP of one PNG per page.
"""

import zipfile
from io import BytesIO
from pathlib import Path

import segno
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .links import label_date_ai

DPI = 300
A4 = (2480, 3508)  # 210 × 297 mm at 300 dpi
MARGIN = 118  # 10 mm
COLUMNS, ROWS = 2, 5
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
MAX_LABELS = 200


def _font(size: int, *, bold: bool = False) -> ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    try:
        return ImageFont.truetype(str(path), size)
    except OSError:
        return ImageFont.load_default(size=size)


def qr_image(uri: str, *, module_px: int) -> Image.Image:
    """The QR code of ``uri`` as a black-and-white image, ``module_px`` pixels per module."""
    buffer = BytesIO()
    segno.make(uri, error="m", micro=False).save(buffer, kind="png", scale=module_px, border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (long words are cut by characters)."""
    lines, line = [], ""
    for char_or_word in text.split(" "):
        candidate = f"{line} {char_or_word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = char_or_word
        while draw.textlength(line, font=font) > width:
            cut = len(line)
            while cut > 1 and draw.textlength(line[:cut], font=font) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def date_line(lot) -> str:
    """The date printed beside the code, in the words of the AI the code carries (15 or 17)."""
    if not lot.best_before:
        return ""
    day = lot.best_before.strftime("%d/%m/%Y")
    if label_date_ai(lot.product) == "17":
        return _("Expiry date: %(day)s") % {"day": day}
    return _("Best before: %(day)s") % {"day": day}


def draw_label(sheet: Image.Image, box: tuple[int, int, int, int], *, uri: str, title: str,
               lot_line: str, best_before_line: str) -> None:
    left, top, right, bottom = box
    draw = ImageDraw.Draw(sheet)
    draw.rectangle(box, outline=180, width=2)
    pad = 30
    code = qr_image(uri, module_px=8)
    max_side = min(bottom - top - 2 * pad - 110, (right - left) // 2)
    if code.width > max_side:
        code = code.resize((max_side, max_side), Image.Resampling.NEAREST)
    sheet.paste(code, (left + pad, top + pad))
    url_font = _font(26)
    url_top = top + pad + code.height + 8
    for line in _fit(draw, uri, url_font, right - left - 2 * pad)[:3]:
        draw.text((left + pad, url_top), line, font=url_font, fill=0)
        url_top += 32
    text_left = left + pad + code.width + 24
    width = right - text_left - pad
    y = top + pad + 10
    title_font = _font(40, bold=True)
    for line in _fit(draw, title, title_font, width)[:3]:
        draw.text((text_left, y), line, font=title_font, fill=0)
        y += 50
    y += 16
    body = _font(34)
    for text in (lot_line, best_before_line):
        for line in _fit(draw, text, body, width)[:2] if text else []:
            draw.text((text_left, y), line, font=body, fill=0)
            y += 46


def label_sheets(*, uri: str, title: str, lot_line: str, best_before_line: str, count: int) -> list:
    """A4 pages holding ``count`` identical labels (10 per page), as 8-bit greyscale images."""
    count = max(1, min(count, MAX_LABELS))
    per_page = COLUMNS * ROWS
    cell_w = (A4[0] - 2 * MARGIN) // COLUMNS
    cell_h = (A4[1] - 2 * MARGIN) // ROWS
    pages = []
    for start in range(0, count, per_page):
        page = Image.new("L", A4, 255)
        for index in range(min(per_page, count - start)):
            column, row = index % COLUMNS, index // COLUMNS
            left, top = MARGIN + column * cell_w, MARGIN + row * cell_h
            draw_label(page, (left, top, left + cell_w - 12, top + cell_h - 12), uri=uri, title=title,
                       lot_line=lot_line, best_before_line=best_before_line)
        pages.append(page)
    return pages


def page_png(page: Image.Image) -> bytes:
    buffer = BytesIO()
    page.save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()


def sheet_png_zip(pages: list, *, name: str) -> bytes:
    """Every page as its own PNG (``{name}-1.png``, ``{name}-2.png``…) in one ZIP file."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, page in enumerate(pages, start=1):
            archive.writestr(f"{name}-{number}.png", page_png(page))
    return buffer.getvalue()


def sheet_pdf(pages: list) -> bytes:
    buffer = BytesIO()
    pages[0].save(buffer, format="PDF", resolution=DPI, save_all=True, append_images=pages[1:])
    return buffer.getvalue()
