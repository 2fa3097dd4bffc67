"""Bulk-import sheets: archives checked before they are opened, sizes and rows bounded, nothing half-imported."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from oscar.core.loading import get_model

from portal import bulk
from shop import uploads

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The reasons are read in English here (the Vietnamese ones come from the same catalogue)."""
    with translation.override("en"):
        yield
Product = get_model("catalogue", "Product")
HEADER = "sku,class,title,price_vnd,stock,description\n"


def xlsx_bomb(unpacked_mb: int = 160) -> bytes:
    """An .xlsx whose one sheet unpacks to ``unpacked_mb`` MB of cells (it weighs well under 1 MB)."""
    row = b'<row><c t="inlineStr"><is><t>' + b"A" * 1000 + b"</t></is></c></row>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet><sheetData>')
            chunk = row * 1024
            for _ in range(unpacked_mb * 1024 * 1024 // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_an_xlsx_zip_bomb_is_refused_at_once_without_unpacking_it(client, market):
    bomb = xlsx_bomb()
    assert len(bomb) < uploads.MAX_SHEET_BYTES
    client.force_login(market["owner"])
    before = Product.objects.count()
    response = client.post("/en/portal/products/import/", {"sheet": SimpleUploadedFile("san-pham.xlsx", bomb)})
    assert "unpacks to more than 50 MB" in " ".join(response.context["form"].errors["sheet"])
    assert Product.objects.count() == before


def test_refusing_a_zip_bomb_takes_well_under_a_second_and_little_memory():
    bomb = xlsx_bomb()
    started = time.perf_counter()
    with pytest.raises(bulk.SheetUnreadable, match="unpacks to more than"):
        bulk.read_sheet(SimpleUploadedFile("san-pham.xlsx", bomb))
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, elapsed
    tracemalloc.start()
    with pytest.raises(bulk.SheetUnreadable, match="unpacks to more than"):
        bulk.read_sheet(SimpleUploadedFile("san-pham.xlsx", bomb))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 100 * 1024 * 1024, peak


def test_an_archive_with_too_many_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(uploads.MAX_SHEET_ENTRIES + 1):
            archive.writestr(f"xl/part{number}.xml", "<x/>")
    with pytest.raises(bulk.SheetUnreadable, match="too many parts"):
        bulk.read_sheet(SimpleUploadedFile("nhieu.xlsx", buffer.getvalue()))


class CountingUpload(io.BytesIO):
    """An upload that records how much was asked of it: at most limit + 1 bytes may be read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.requested = []

    def read(self, size=-1):
        self.requested.append(size)
        return super().read(size)


def test_an_oversized_file_is_read_only_one_byte_past_the_limit():
    upload = CountingUpload(HEADER.encode() + b"x" * (5 * 1024 * 1024))
    with pytest.raises(bulk.SheetUnreadable, match="larger than 2 MB"):
        bulk.read_sheet(upload)
    assert upload.requested == [uploads.MAX_SHEET_BYTES + 1]


def test_rows_past_the_limit_are_refused_and_nothing_is_imported(client, market):
    rows = "".join(f"SKU-{n},tea,Chè {n},100000,1,\n" for n in range(bulk.MAX_ROWS + 1))
    client.force_login(market["owner"])
    before = Product.objects.count()
    response = client.post(
        "/en/portal/products/import/", {"sheet": SimpleUploadedFile("nhieu.csv", (HEADER + rows).encode())}
    )
    assert f"At most {bulk.MAX_ROWS} rows" in " ".join(response.context["form"].errors["sheet"])
    assert Product.objects.count() == before
