"""Import of products and stock from CSV or Excel, all or nothing; export in the same format, formula-safe."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

HEADER = "sku,class,title,price_vnd,stock,description,category\n"
GOOD_ROWS = (
    "CHE-01,tea,Chè móc câu,150000,20,Chè búp nhỏ,Chè móc câu\n"
    'MAT-01,honey,Mật ong hoa nhãn,"220.000",8,,mat ong > mat ong hoa cay trong\n'
)
BAD_ROWS = (
    "CHE-02,coffee,Cà phê,90000,5,,Chè búp\n,tea,,abc,-3,,\nCHE-01,tea,Chè trùng mã,100000,1,,Chè búp\n"
    "CHE-03,tea,Chè lạ,100000,1,,Cà phê rang\nCHE-04,tea,Chè chưa chọn,100000,1,,\n"
)


def _upload(client, content: bytes, name="products.csv"):
    return client.post(reverse("portal:import"), {"sheet": SimpleUploadedFile(name, content)})


def test_a_file_with_good_and_bad_rows_imports_nothing_and_names_each_bad_row(client_a, producer_a):
    before = Product.objects.count()
    response = _upload(client_a, (HEADER + GOOD_ROWS + BAD_ROWS).encode())
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "Row 4: class must be tea or honey" in page
    assert "Row 5: the SKU is empty; the title is empty; the price must be a whole number" in page
    assert "the stock must be a whole number, 0 or more" in page
    assert "Row 6: SKU CHE-01 appears twice in the file" in page
    assert "Row 7: no category is called “Cà phê rang”" in page
    assert "Row 8: a new product needs a category" in page
    assert "Import these rows" not in page
    confirm = client_a.post(reverse("portal:import-confirm"), follow=True)
    assert "Nothing to import" in confirm.content.decode()
    assert Product.objects.count() == before


def test_a_good_file_is_previewed_then_imported(client_a, producer_a):
    before = Product.objects.count()
    page = _upload(client_a, (HEADER + GOOD_ROWS).encode()).content.decode()
    assert "Import these rows" in page and "Mật ong hoa nhãn" in page
    assert Product.objects.count() == before, "the preview must not write"
    client_a.post(reverse("portal:import-confirm"))
    assert Product.objects.count() == before + 2
    record = StockRecord.objects.get(partner=producer_a["producer"], partner_sku="MAT-01")
    assert (int(record.price), record.num_in_stock) == (220000, 8)
    assert record.product.product_class.slug == "honey" and not record.product.is_public
    assert sorted(record.product.categories.values_list("name_vi", flat=True)) == ["Mật ong", "Mật ong hoa cây trồng"]
    tea = StockRecord.objects.get(partner=producer_a["producer"], partner_sku="CHE-01").product
    assert sorted(tea.categories.values_list("name_vi", flat=True)) == ["Chè Thái Nguyên", "Chè móc câu"]


def test_an_existing_sku_updates_price_and_stock(client_a, producer_a):
    sku = producer_a["product"].stockrecords.get().partner_sku
    _upload(client_a, (HEADER + f"{sku},tea,Chè mới tên,199000,77,\n").encode())
    client_a.post(reverse("portal:import-confirm"))
    record = StockRecord.objects.get(partner_sku=sku)
    assert (int(record.price), record.num_in_stock, record.product.title) == (199000, 77, "Chè mới tên")
    assert record.product.description == "<p>Chè ngon</p>"


def test_an_excel_file_imports_like_a_csv(client_a, producer_a):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["sku", "class", "title", "price_vnd", "stock", "description", "category"])
    sheet.append(["XL-01", "tea", "Chè Excel", 130000, 4, "Từ Excel", "Chè búp"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = _upload(client_a, buffer.getvalue(), "products.xlsx").content.decode()
    assert "Chè Excel" in page
    client_a.post(reverse("portal:import-confirm"))
    assert StockRecord.objects.get(partner_sku="XL-01").num_in_stock == 4


def test_an_unreadable_file_says_so(client_a):
    response = _upload(client_a, b"PK\x03\x04 not really a workbook", "products.xlsx")
    assert "cannot be opened" in response.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_uses_the_import_columns_and_neutralises_formulas(client_a, producer_a, fmt):
    product = producer_a["product"]
    product.title = '=HYPERLINK("http://evil.example","x")'
    product.save()
    response = client_a.get(reverse("portal:export", kwargs={"fmt": fmt}))
    assert response.status_code == 200
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert rows[0] == ["sku", "class", "title", "price_vnd", "stock", "description", "category"]
    assert rows[1][2] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[1][3:5] == ["200000", "3"]


def test_export_names_the_category_so_the_sheet_imports_again(client_a, producer_a):
    from portal import services

    Category = get_model("catalogue", "Category")
    product = producer_a["product"]
    services.product_save(
        producer=product.producer, product=product, product_class=product.product_class, title=product.title,
        description="", price=200000, stock=3, category=Category.objects.get(name_vi="Chè búp"),
    )
    response = client_a.get(reverse("portal:export", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][6] == "Thái Nguyên tea > Bud tea"  # the portal tests run in English
    page = _upload(client_a, response.content).content.decode()
    assert "Import these rows" in page
