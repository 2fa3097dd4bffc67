"""Product photos from phones: checked, turned upright, stripped of metadata and resized once.

A producer's photo is untrusted input. Its type is read from its content (never its name);
documents, drawings (SVG), truncated uploads, oversized files and decompression bombs are
refused with a message a producer can act on. An accepted photo is re-encoded from its pixels
alone, so nothing of the original file survives: no EXIF (GPS above all), no ICC profile, no
XMP. The renditions are named as ``catalogue.thumbnails`` names them, so the storefront's
thumbnailer finds them ready.
"""

import warnings
from dataclasses import dataclass, field
from io import BytesIO
from typing import BinaryIO

import pillow_heif
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .thumbnails import rendition_name

pillow_heif.register_heif_opener()

#: A phone photo is at most a few megabytes; 15 MB leaves room for 48-megapixel HEIC files.
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
#: 50 megapixels: any phone camera fits, a decompression bomb does not.
MAX_PIXELS = 50_000_000
#: Pillow warns above this and refuses above twice this; both are turned into a refusal here.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF", "MPO")
RENDITION_WIDTHS = (320, 640, 1280)
RENDITION_FORMATS = ("webp", "jpeg")
#: Half of a 12-MP phone photo's width, so its JPEG can be decoded at half scale (4x fewer pixels).
ORIGINAL_LONG_SIDE = 2000


class PhotoRejected(ValueError):
    """The upload is not a photo we can accept; ``str()`` is the message for the producer."""

    @staticmethod
    def too_large() -> str:
        return str(
            _("The file is larger than %(mb)s MB. Please send a smaller photo.")
            % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )


@dataclass
class PreparedPhoto:
    """A cleaned photo ready to store: the upright, metadata-free JPEG and its renditions."""

    jpeg: bytes
    width: int
    height: int
    renditions: dict[tuple[int, str], bytes] = field(default_factory=dict)


def _read_limited(upload: BinaryIO) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise PhotoRejected(PhotoRejected.too_large())
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise PhotoRejected(PhotoRejected.too_large())
    if not data:
        raise PhotoRejected(_("The file is empty. Please choose the photo again."))
    return data


def _refuse_known_non_photos(head: bytes) -> None:
    stripped = head.lstrip()[:512].lower()
    if stripped.startswith(b"%pdf"):
        raise PhotoRejected(_("This file is a PDF document, not a photo, whatever its name."))
    if stripped.startswith((b"<svg", b"<?xml", b"<!doctype svg")) or b"<svg" in stripped:
        raise PhotoRejected(
            _("SVG drawings are not accepted. Please send a photo (JPEG, PNG, HEIC or WebP).")
        )


def _open_checked(data: bytes) -> Image.Image:
    """Open and fully decode the image, turning every way it can fail into a clear refusal."""
    _refuse_known_non_photos(data[:1024])
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise PhotoRejected(
                    _("This kind of image is not accepted. Please send a JPEG, PNG, HEIC or WebP photo.")
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise Image.DecompressionBombError(f"{width}x{height}")
            if image.format in ("JPEG", "MPO"):
                # Decode straight to the smallest DCT scale still at least as big as what is kept.
                ratio = ORIGINAL_LONG_SIDE / max(width, height)
                image.draft("RGB", (int(width * ratio), int(height * ratio)))
            image.load()
        except PhotoRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise PhotoRejected(
                _("The picture is too large in pixels (over %(mp)s megapixels). Please send a normal photo.")
                % {"mp": MAX_PIXELS // 1_000_000}
            ) from error
        except UnidentifiedImageError as error:
            raise PhotoRejected(
                _("This file is not a photo, whatever its name. Please send a JPEG, PNG, HEIC or WebP photo.")
            ) from error
        except (OSError, SyntaxError, ValueError, RuntimeError) as error:
            raise PhotoRejected(
                _(
                    "The photo is incomplete or damaged (the upload may have been cut off). "
                    "Please send it again."
                )
            ) from error
    return image


def _flatten(image: Image.Image) -> Image.Image:
    """RGB pixels only: transparency is laid on white, palettes and 16-bit modes converted."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = BytesIO()
    if fmt == "webp":
        image.save(buffer, format="WEBP", quality=80, method=4)
    else:
        image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def prepare_photo(upload: BinaryIO) -> PreparedPhoto:
    """Check an uploaded file and turn it into an upright, metadata-free JPEG with renditions.

    Raises ``PhotoRejected`` (its message is for the producer) when the file is empty, too
    big, not an image by its content, an SVG or PDF, truncated or over the pixel limit.
    """
    data = _read_limited(upload)
    image = _open_checked(data)
    upright = _flatten(ImageOps.exif_transpose(image))
    image.close()
    upright.thumbnail((ORIGINAL_LONG_SIDE, ORIGINAL_LONG_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    # A new image from the pixels alone: no exif, icc_profile or xmp can ride along.
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    prepared = PreparedPhoto(jpeg=_encode(clean, "jpeg"), width=clean.width, height=clean.height)
    source = clean
    for width in sorted(RENDITION_WIDTHS, reverse=True):
        resized = source.copy()
        resized.thumbnail((width, 10_000), Image.Resampling.LANCZOS)
        for fmt in RENDITION_FORMATS:
            prepared.renditions[(width, fmt)] = _encode(resized, fmt)
        source = resized
    return prepared


def store_photo(prepared: PreparedPhoto, *, name: str, storage=None) -> str:
    """Save the cleaned original under ``name`` (a .jpg path) and its renditions; returns the stored name.

    ``storage`` defaults to the public media storage; diary photos go to the private one.
    """
    storage = storage or default_storage
    stored = storage.save(name, ContentFile(prepared.jpeg))
    for (width, fmt), content in prepared.renditions.items():
        rendition = rendition_name(stored, width, 0, fmt)
        if storage.exists(rendition):
            storage.delete(rendition)
        storage.save(rendition, ContentFile(content))
    return stored


def stored_photo_files(name: str) -> list[str]:
    """Every file kept for one photo: the original and each rendition."""
    return [name] + [
        rendition_name(name, width, 0, fmt) for width in RENDITION_WIDTHS for fmt in RENDITION_FORMATS
    ]
