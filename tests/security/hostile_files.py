"""The files an attacker (or a careless phone) sends, each with what the upload policy must make of it."""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from tests.portal import images

IN_CI = os.environ.get("CI") == "true"


def _gif_js_polyglot() -> bytes:
    """A GIF whose header is also JavaScript: ``GIF89a/*…*/=alert(document.domain);``."""
    buffer = BytesIO()
    Image.new("P", (1, 1)).save(buffer, format="GIF")
    gif = buffer.getvalue()
    return b"GIF89a/*" + gif[8:] + b"*/=alert(document.domain);"


@dataclass(frozen=True)
class HostileFile:
    key: str
    name: str
    content_type: str
    data: bytes
    #: "refused", "photo" (kept as a re-encoded photo) or "document" (kept as a PDF).
    as_attachment: str
    as_photo: str

    def __repr__(self) -> str:
        return self.key


HTML = b"<!DOCTYPE html><html><body><script>fetch('/dashboard/').then(r=>r.text())</script></body></html>"


def hostile_files() -> list[HostileFile]:
    return [
        HostileFile("html", "bao-cao.html", "text/html", HTML, "refused", "refused"),
        HostileFile("html-named-jpg", "anh.jpg", "image/jpeg", HTML, "refused", "refused"),
        HostileFile("svg-script", "logo.svg", "image/svg+xml", images.SVG_WITH_SCRIPT, "refused", "refused"),
        HostileFile("pdf-named-jpg", "anh.jpg", "image/jpeg", images.PDF_DOCUMENT, "document", "refused"),
        HostileFile("gif-js-polyglot", "anh.gif", "image/gif", _gif_js_polyglot(), "refused", "refused"),
        HostileFile("png-bomb", "bomb.png", "image/png", images.png_bomb(), "refused", "refused"),
        HostileFile(
            "50mb", "big.jpg", "image/jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * (50 * 1024 * 1024),
            "refused", "refused",
        ),
        HostileFile("truncated-jpeg", "cut.jpg", "image/jpeg", images.truncated_jpeg(), "refused", "refused"),
        HostileFile("heic", "IMG_0001.HEIC", "image/heic", images.iphone_heic(), "photo", "photo"),
        HostileFile("jpeg-gps", "IMG_0002.JPG", "image/jpeg", images.rotated_jpeg_with_gps(), "photo", "photo"),
        HostileFile(
            "path-unicode-name", "../../../etc/Ảnh đồi chè 🐝.jpg", "image/jpeg",
            images.rotated_jpeg_with_gps(), "photo", "photo",
        ),
    ]


def exiftool_tags(path: Path) -> dict:
    """Every tag an independent reader (ExifTool) finds in a stored file, by group:name."""
    if shutil.which("exiftool") is None:
        if IN_CI:
            pytest.fail("exiftool is missing: install Debian's libimage-exiftool-perl")
        pytest.skip("exiftool is missing (Debian: libimage-exiftool-perl)")
    output = subprocess.run(
        ["exiftool", "-j", "-a", "-G1", "-n", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return json.loads(output)[0]


def assert_no_location_or_camera(path: Path) -> None:
    tags = exiftool_tags(path)
    leaked = [k for k in tags if "GPS" in k or k.split(":")[-1] in ("Make", "Model", "Orientation")]
    assert not leaked, f"{path.name} keeps {leaked}"
    assert not any(k.startswith(("EXIF:", "IFD0:", "XMP", "ICC")) for k in tags), sorted(tags)


def stored_files(root: Path) -> set[Path]:
    return {p for p in Path(root).rglob("*") if p.is_file()} if Path(root).exists() else set()
