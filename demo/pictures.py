"""Product and producer pictures drawn for the demo, so it runs without any photo files."""

import hashlib
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
]
PALETTES = {
    "tea": ((47, 107, 58), (207, 232, 180), (34, 80, 43)),
    "honey": ((201, 138, 18), (255, 226, 150), (120, 70, 5)),
    "place": ((70, 120, 90), (220, 235, 210), (40, 70, 50)),
}


def _font(size: int) -> ImageFont.ImageFont:
    for path in FONT_PATHS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def draw_picture(*, title: str, theme: str, variant: int = 0, size: tuple[int, int] = (800, 800)) -> bytes:
    """A JPEG showing the title over a drawing in the theme's colours (tea leaves or a honey jar)."""
    dark, light, ink = PALETTES[theme]
    width, height = size
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    seed = int(hashlib.sha256(f"{title}{variant}".encode()).hexdigest()[:8], 16)
    for band in range(0, height, 40):
        shade = tuple(int(c + (d - c) * band / height * 0.35) for c, d in zip(light, dark, strict=True))
        draw.rectangle([0, band, width, band + 40], fill=shade)
    if theme == "honey":
        jar = [width * 0.3, height * 0.22, width * 0.7, height * 0.72]
        draw.rounded_rectangle(jar, radius=40, fill=dark, outline=ink, width=6)
        draw.rectangle([width * 0.34, height * 0.16, width * 0.66, height * 0.24], fill=ink)
    else:
        for leaf in range(5 + seed % 4):
            x = (seed >> leaf) % (width - 200) + 60
            y = (seed >> (leaf + 3)) % (height // 2) + 60
            draw.ellipse([x, y, x + 150, y + 70], fill=dark, outline=ink, width=3)
            draw.line([x + 10, y + 35, x + 140, y + 35], fill=light, width=3)
    font = _font(max(24, width // 22))
    draw.rectangle([0, height * 0.8, width, height], fill=ink)
    draw.text((width * 0.05, height * 0.84), title, font=font, fill="white")
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()
