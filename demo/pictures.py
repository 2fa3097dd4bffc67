"""Product and producer pictures drawn for the demo, so it runs without any photo files.

Each is a small scene rather than a caption on colour: terraced tea hills under a morning sky
(tea), a jar of honey on a honeycomb with wild flowers (honey), a village among the hills
(place). The title is written small in a band at the foot, wrapped so it is never cut off.
The same title and variant always give the same picture.
"""

import hashlib
import random
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
]
SKY, MIST, SUN = (174, 212, 232), (226, 238, 236), (255, 236, 170)
TEA_GREENS = [(58, 120, 62), (76, 141, 70), (98, 160, 82), (124, 178, 96)]
HONEY, HONEY_DARK, WAX = (222, 152, 28), (160, 96, 10), (246, 205, 110)
FLOWERS = [(238, 120, 150), (250, 250, 245), (170, 130, 220), (255, 210, 60)]


def _font(size: int) -> ImageFont.ImageFont:
    for path in FONT_PATHS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _hills(draw, rng, width, height, *, rows: bool) -> None:
    """Layers of hills, far (pale) to near (deep green); near ones striped with tea-bush rows."""
    for layer, green in enumerate(TEA_GREENS):
        base = height * (0.38 + layer * 0.1)
        crest = rng.uniform(0.04, 0.1) * height
        phase = rng.uniform(0, width)
        points = [(0, height)]
        for x in range(0, width + 20, 20):
            wave = ((x + phase) % width) / width
            points.append((x, base - crest * (1 - abs(2 * wave - 1)) * 2))
        points.append((width, height))
        pale = tuple(int(c + (m - c) * (0.5 - layer * 0.15)) for c, m in zip(green, MIST, strict=True))
        draw.polygon(points, fill=pale if layer < 2 else green)
        if rows and layer >= 2:
            shade = tuple(max(0, c - 28) for c in green)
            for row in range(int(base), height, max(8, height // 40)):
                draw.arc([-width * 0.2, row - 20, width * 1.2, row + 40], 200, 340, fill=shade, width=3)


def _tea(draw, rng, width, height) -> None:
    draw.ellipse([width * 0.68, height * 0.08, width * 0.84, height * 0.08 + width * 0.16], fill=SUN)
    _hills(draw, rng, width, height, rows=True)
    for _ in range(3):  # a bud and two leaves in the foreground
        x, y = rng.uniform(0.08, 0.8) * width, rng.uniform(0.62, 0.74) * height
        leaf = width * 0.07
        draw.ellipse([x, y, x + leaf * 1.8, y + leaf * 0.8], fill=(70, 150, 60), outline=(30, 80, 30), width=2)
        draw.ellipse([x + leaf * 0.9, y - leaf * 0.9, x + leaf * 2.4, y - leaf * 0.2], fill=(110, 175, 80),
                     outline=(30, 80, 30), width=2)
        draw.line([x + leaf * 0.9, y + leaf * 0.4, x + leaf * 1.7, y - leaf * 0.5], fill=(30, 80, 30), width=2)


def _honey(draw, rng, width, height) -> None:
    side = width * 0.05
    for row in range(int(height * 0.55 / (side * 1.5)) + 2):  # honeycomb behind the jar
        for column in range(int(width / (side * 1.75)) + 2):
            cx = column * side * 1.75 + (row % 2) * side * 0.87
            cy = height * 0.42 + row * side * 1.5
            hexagon = [(cx + side * dx, cy + side * dy) for dx, dy in
                       ((0, -1), (0.87, -0.5), (0.87, 0.5), (0, 1), (-0.87, 0.5), (-0.87, -0.5))]
            draw.polygon(hexagon, fill=WAX if rng.random() < 0.7 else HONEY, outline=HONEY_DARK)
    jar = [width * 0.32, height * 0.22, width * 0.68, height * 0.74]
    draw.rounded_rectangle(jar, radius=int(width * 0.06), fill=HONEY, outline=HONEY_DARK, width=5)
    draw.rounded_rectangle([width * 0.36, height * 0.15, width * 0.64, height * 0.24], radius=8, fill=(120, 70, 30))
    draw.rounded_rectangle([width * 0.38, height * 0.4, width * 0.62, height * 0.56], radius=10,
                           fill=(250, 244, 225), outline=HONEY_DARK, width=3)
    draw.ellipse([width * 0.36, height * 0.26, width * 0.42, height * 0.5], fill=(245, 200, 90))  # shine
    for _ in range(9):  # wild flowers along the foot
        x, y, r = rng.uniform(0, 1) * width, rng.uniform(0.7, 0.78) * height, width * 0.022
        colour = rng.choice(FLOWERS)
        for dx, dy in ((-r, 0), (r, 0), (0, -r), (0, r)):
            draw.ellipse([x + dx - r, y + dy - r, x + dx + r, y + dy + r], fill=colour)
        draw.ellipse([x - r * 0.6, y - r * 0.6, x + r * 0.6, y + r * 0.6], fill=(240, 170, 20))


def _place(draw, rng, width, height) -> None:
    _hills(draw, rng, width, height, rows=False)
    for _ in range(4):  # stilt houses with brown roofs on the near hill
        x, y = rng.uniform(0.1, 0.8) * width, rng.uniform(0.58, 0.66) * height
        w = width * 0.1
        draw.rectangle([x, y, x + w, y + w * 0.6], fill=(236, 224, 200), outline=(90, 60, 40), width=2)
        draw.polygon([(x - w * 0.15, y), (x + w / 2, y - w * 0.45), (x + w * 1.15, y)], fill=(150, 80, 50))


def _caption(draw, title: str, width: int, height: int) -> None:
    """The title in a band at the foot, wrapped to the picture's width (never cut off)."""
    size = max(18, width // 26)
    font = _font(size)
    lines, line = [], ""
    for word in title.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width * 0.9 or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    lines.append(line)
    band = (len(lines) * 1.3 + 0.8) * size
    draw.rectangle([0, height - band, width, height], fill=(30, 52, 34))
    for index, text in enumerate(lines):
        draw.text((width * 0.05, height - band + size * (0.4 + index * 1.3)), text, font=font, fill="white")


def draw_picture(*, title: str, theme: str, variant: int = 0, size: tuple[int, int] = (800, 800)) -> bytes:
    """A JPEG of a scene for the theme (``tea``, ``honey`` or ``place``) with the title at its foot."""
    width, height = size
    rng = random.Random(int(hashlib.sha256(f"{title}{variant}".encode()).hexdigest()[:12], 16))
    image = Image.new("RGB", size, SKY)
    draw = ImageDraw.Draw(image)
    for band in range(0, height // 2, 8):  # the sky pales towards the hills
        mix = band / (height / 2)
        draw.rectangle([0, band, width, band + 8],
                       fill=tuple(int(s + (m - s) * mix) for s, m in zip(SKY, MIST, strict=True)))
    {"tea": _tea, "honey": _honey, "place": _place}.get(theme, _place)(draw, rng, width, height)
    _caption(draw, title, width, height)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()
