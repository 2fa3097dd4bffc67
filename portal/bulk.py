"""Products and stock in bulk: read a CSV or Excel sheet, check every row, write all or nothing.

The columns are the same on the way in and out, so a producer can export, edit in a
spreadsheet and import again. Exported text that a spreadsheet would run as a formula
(starting with = + - @, tab or carriage return) is neutralised with a leading apostrophe.
"""

import csv
import io
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from oscar.core.loading import get_model

from catalogue.selectors import category_choices
from discovery.text import fold
from shop.uploads import UploadRejected, read_sheet_upload

from .numbers import whole_number
from .services import product_save

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

COLUMNS = ["sku", "class", "title", "price_vnd", "stock", "description", "category"]
#: Columns a sheet may leave out (older exports have no category: existing products keep theirs).
OPTIONAL_COLUMNS = ("description", "category")
MAX_ROWS = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SheetUnreadable(ValueError):
    """The file as a whole cannot be read; ``str()`` says why, for the producer."""


@dataclass
class ImportRow:
    line: int
    sku: str
    product_class: str
    title: str
    price: int
    stock: int
    description: str
    is_new: bool
    category_id: int | None = None


@dataclass
class ImportCheck:
    rows: list[ImportRow]
    errors: list[tuple[int, str]]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def _limited(rows, limit: int) -> list:
    """At most ``limit`` rows of an iterator (one more tells that there were too many)."""
    kept = []
    for row in rows:
        kept.append(row)
        if len(kept) > limit:
            break
    return kept


def _cells_from_csv(data: bytes, limit: int) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetUnreadable(_("The CSV file must be saved as UTF-8.")) from error
    try:
        return _limited(csv.reader(io.StringIO(text)), limit)
    except csv.Error as error:
        raise SheetUnreadable(_("The CSV file cannot be read. Save it again as CSV.")) from error


def _cells_from_xlsx(data: bytes, limit: int) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = (
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True, max_col=len(COLUMNS) + 10)
        )
        cells = _limited(rows, limit)
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SheetUnreadable(_("The Excel file cannot be opened. Save it again as .xlsx.")) from error
    return cells


def read_sheet(upload) -> list[dict]:
    """The rows of a CSV or .xlsx upload (told apart by content) as dicts keyed by column name.

    The file passes ``shop.uploads.read_sheet_upload`` first (size, kind, an archive's entries
    and unpacked size); rows are then read one by one and reading stops past MAX_ROWS.
    Raises SheetUnreadable with the reason for the producer.
    """
    try:
        data = read_sheet_upload(upload)
    except UploadRejected as error:
        raise SheetUnreadable(str(error)) from error
    limit = MAX_ROWS + 1  # the header row
    read = _cells_from_xlsx if data[:2] == b"PK" else _cells_from_csv
    cells = [row for row in read(data, limit + 1) if any(str(c).strip() for c in row)]
    if not cells:
        raise SheetUnreadable(_("The file is empty."))
    header = [str(c).strip().lower() for c in cells[0]]
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
    if missing:
        raise SheetUnreadable(
            _("Missing columns: %(cols)s. The first row must be: %(all)s.")
            % {"cols": ", ".join(missing), "all": ", ".join(COLUMNS)}
        )
    if len(cells) > limit:
        raise SheetUnreadable(_("At most %(n)s rows at a time.") % {"n": MAX_ROWS})
    return [dict(zip(header, (str(c).strip() for c in row), strict=False)) for row in cells[1:]]


def _category_names() -> dict[str, int]:
    """Each public category by its folded name and full name ("Chè > Chè búp"), in either language."""
    names = {}
    for language in ("vi", "en"):
        with translation.override(language):
            for pk, label in category_choices():
                names.setdefault(_folded_name(label.rsplit(" > ", 1)[-1]), pk)
                names.setdefault(_folded_name(label), pk)
    return names


def _folded_name(text: str) -> str:
    return " ".join((fold(text) or "").replace(">", " > ").split())


def check_rows(*, producer, records: list[dict]) -> ImportCheck:
    """Check every row against the rules; an error names the row (as numbered in the spreadsheet).

    The category column takes a category's name or full name, with or without accents; a new
    product must have one, an existing product keeps its own when the cell is empty.
    """
    categories = _category_names()
    classes = {c.slug: c for c in ProductClass.objects.all()}
    classes.update({c.name.lower(): c for c in classes.copy().values()})
    known = set(StockRecord.objects.filter(partner=producer).values_list("partner_sku", flat=True))
    seen: set[str] = set()
    rows, errors = [], []
    for line, record in enumerate(records, start=2):
        problems = []
        sku = record.get("sku", "")
        if not sku:
            problems.append(_("the SKU is empty"))
        elif sku in seen:
            problems.append(_("SKU %(sku)s appears twice in the file") % {"sku": sku})
        seen.add(sku)
        klass = classes.get(record.get("class", "").lower())
        if klass is None:
            problems.append(_("class must be tea or honey"))
        title = record.get("title", "")
        if not title:
            problems.append(_("the title is empty"))
        elif len(title) > 255:
            problems.append(_("the title is longer than 255 characters"))
        price = whole_number(record.get("price_vnd", ""))
        if price is None or price <= 0:
            problems.append(_("the price must be a whole number of đồng above 0"))
        stock = whole_number(record.get("stock", ""))
        if stock is None:
            problems.append(_("the stock must be a whole number, 0 or more"))
        category_name = record.get("category", "")
        category_id = categories.get(_folded_name(category_name)) if category_name else None
        if category_name and category_id is None:
            problems.append(_("no category is called “%(name)s”") % {"name": category_name})
        elif category_id is None and sku not in known:
            problems.append(_("a new product needs a category"))
        if problems:
            errors.append((line, "; ".join(str(p) for p in problems)))
            continue
        rows.append(
            ImportRow(
                line=line,
                sku=sku,
                product_class=klass.slug,
                title=title,
                price=price,
                stock=stock,
                description=record.get("description", ""),
                is_new=sku not in known,
                category_id=category_id,
            )
        )
    return ImportCheck(rows=rows, errors=errors)


def products_import(*, producer, rows: list[dict]) -> int:
    """Write checked rows: all of them or, when any fails its check again, none. Returns the count."""
    labels = dict(category_choices())
    check = check_rows(
        producer=producer,
        records=[
            {
                "sku": r["sku"],
                "class": r["product_class"],
                "title": r["title"],
                "price_vnd": str(r["price"]),
                "stock": str(r["stock"]),
                "description": r["description"],
                "category": labels.get(r.get("category_id"), ""),
            }
            for r in rows
        ],
    )
    if not check.ok:
        raise SheetUnreadable(_("The rows changed since the preview. Please upload the file again."))
    classes = {c.slug: c for c in ProductClass.objects.all()}
    chosen = Category.objects.in_bulk({row.category_id for row in check.rows if row.category_id})
    with transaction.atomic():
        records = {
            r.partner_sku: r for r in StockRecord.objects.filter(partner=producer).select_related("product")
        }
        for row in check.rows:
            existing = records.get(row.sku)
            product = existing.product if existing else None
            claim = getattr(product, "ocop_claim", None) if product else None
            product_save(
                producer=producer,
                product=product,
                product_class=product.product_class if product else classes[row.product_class],
                title=row.title,
                description=row.description or (product.description if product else ""),
                price=row.price,
                stock=row.stock,
                stars_claimed=claim.stars if claim else None,
                certificates=claim.certificates if claim else "",
                sku=row.sku,
                category=chosen.get(row.category_id),
            )
    return len(check.rows)


def rows_for_session(check: ImportCheck) -> list[dict]:
    return [asdict(row) for row in check.rows]


def neutralise(value) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_rows(*, products) -> list[list[str]]:
    """One row per product with the producer's own SKU, price, stock and category (full name)."""
    labels = dict(category_choices())
    rows = []
    for product in products:
        deepest = max(product.categories.all(), key=lambda category: category.depth, default=None)
        record = next((r for r in product.stockrecords.all() if r.partner_id == product.producer_id), None)
        rows.append(
            [
                neutralise(record.partner_sku if record else ""),
                neutralise(product.product_class.slug if product.product_class else ""),
                neutralise(product.title),
                str(int(record.price)) if record and record.price is not None else "",
                str(record.num_in_stock or 0) if record else "0",
                neutralise(product.description),
                neutralise(labels.get(deepest.pk, "") if deepest else ""),
            ]
        )
    return rows


def export_csv(*, products) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(export_rows(products=products))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(*, products) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "products"
    sheet.append(COLUMNS)
    for row in export_rows(products=products):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
