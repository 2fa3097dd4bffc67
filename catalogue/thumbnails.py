"""Product image renditions made once and kept beside the original, without database writes.

Oscar's default thumbnailer (sorl) records every thumbnail in a key-value table the first time
a page shows it, i.e. it writes during GET requests. Here a rendition's name is derived from the
original's name and the requested size, so finding it again needs no bookkeeping at all.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.thumbnails import AbstractThumbnailer
from PIL import Image, ImageOps


class Rendition:
    """What Oscar's templates expect of a thumbnail: a url, a width and a height."""

    def __init__(self, name: str, width: int, height: int):
        self.name = name
        self.url = default_storage.url(name)
        self.width = width
        self.height = height

    def __str__(self) -> str:
        return self.url


def rendition_name(source_name: str, width: int, height: int, fmt: str = "webp") -> str:
    path = PurePosixPath(source_name)
    return str(path.parent / "renditions" / f"{path.stem}.{width or 'w'}x{height or 'h'}.{fmt}")


def make_rendition(source_name: str, width: int, height: int, fmt: str = "webp") -> Rendition:
    """Resize the stored original to fit within width × height (0 = free) and store it."""
    name = rendition_name(source_name, width, height, fmt)
    cache_key = f"rendition:{name}"
    if size := cache.get(cache_key):
        return Rendition(name, *size)
    if default_storage.exists(name):
        with default_storage.open(name) as stored, Image.open(stored) as image:
            size = image.size
    else:
        with default_storage.open(source_name) as original, Image.open(original) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((width or 10_000, height or 10_000), Image.Resampling.LANCZOS)
            buffer = BytesIO()
            image.save(buffer, format=fmt.upper(), quality=80, method=4)
            size = image.size
        default_storage.save(name, ContentFile(buffer.getvalue()))
    cache.set(cache_key, size, 24 * 3600)
    return Rendition(name, *size)


class RenditionThumbnailer(AbstractThumbnailer):
    """Oscar's thumbnailer interface backed by ``make_rendition``."""

    def generate_thumbnail(self, source, **opts) -> Rendition:
        width, _, height = opts["size"].partition("x")
        return make_rendition(getattr(source, "name", source), int(width or 0), int(height or 0))

    def delete_thumbnails(self, source) -> None:
        path = PurePosixPath(getattr(source, "name", source))
        folder = str(path.parent / "renditions")
        if not default_storage.exists(folder):
            return
        for filename in default_storage.listdir(folder)[1]:
            if filename.startswith(f"{path.stem}."):
                default_storage.delete(f"{folder}/{filename}")
