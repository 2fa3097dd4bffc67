"""QR labels: the codes on the rendered A4 sheet decode (with zxing-cpp) to the lot's exact Digital Link."""

import zipfile
from io import BytesIO

import pypdfium2
import pytest
import zxingcpp
from django.contrib.auth import get_user_model
from django.utils import translation
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import ProductFactory
from traceability import exports, labels

from .conftest import build_lot, gtin13

pytestmark = pytest.mark.django_db
ProductClass = get_model("catalogue", "ProductClass")


def decode_all(image: Image.Image) -> list[str]:
    return sorted(result.text for result in zxingcpp.read_barcodes(image) if result.format.name == "QRCode")


@pytest.fixture
def producer_client(client, published_lot):
    user = get_user_model().objects.create_user("ho.a@example.vn", "ho.a@example.vn", "mat-khau-1")
    published_lot.product.producer.users.add(user)
    client.force_login(user)
    return client


def test_every_label_on_the_png_sheet_decodes_to_the_digital_link(producer_client, published_lot):
    response = producer_client.get(f"/trace/diary/{published_lot.pk}/labels/?count=6&format=png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    sheet = Image.open(BytesIO(response.content))
    assert sheet.size == labels.A4
    assert round(sheet.info["dpi"][0]) == 300
    expected = exports.label_uri(published_lot)
    assert expected == (
        f"http://127.0.0.1:8000/01/{published_lot.gtin}/10/{published_lot.code}"
        f"?15={published_lot.best_before:%y%m%d}"
    )
    assert decode_all(sheet) == [expected] * 6


def pdf_pages(content: bytes) -> list[Image.Image]:
    """The PDF's pages as PDFium renders them at 150 dpi (an independent PDF reader)."""
    document = pypdfium2.PdfDocument(content)
    return [document[index].render(scale=150 / 72).to_pil().convert("L") for index in range(len(document))]


def test_25_labels_in_pdf_are_25_codes_across_three_pages(producer_client, published_lot):
    response = producer_client.get(f"/trace/diary/{published_lot.pk}/labels/?count=25&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert len(pages) == 3
    decoded = [decode_all(page) for page in pages]
    assert [len(codes) for codes in decoded] == [10, 10, 5]
    assert sum(decoded, []) == [exports.label_uri(published_lot)] * 25


def test_25_labels_in_png_are_25_codes_across_three_page_images(producer_client, published_lot):
    response = producer_client.get(f"/trace/diary/{published_lot.pk}/labels/?count=25&format=png")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(BytesIO(response.content)) as archive:
        names = archive.namelist()
        pages = [Image.open(BytesIO(archive.read(name))) for name in names]
    assert names == [f"labels-{published_lot.pk}-{n}.png" for n in (1, 2, 3)]
    assert all(page.size == labels.A4 for page in pages)
    assert sum((decode_all(page) for page in pages), []) == [exports.label_uri(published_lot)] * 25


@pytest.mark.parametrize(
    ("slug", "ai", "words"),
    [("tea", "15", "Sử dụng tốt nhất trước"), ("honey", "17", "Hạn sử dụng")],
)
def test_the_printed_date_words_match_the_ai_the_code_carries(client, slug, ai, words):
    product_class, _created = ProductClass.objects.get_or_create(slug=slug, defaults={"name": slug})
    product = ProductFactory(upc=gtin13(), title="Sản phẩm", categories=None, product_class=product_class)
    lot = build_lot(product=product)
    assert exports.label_uri(lot).endswith(f"?{ai}={lot.best_before:%y%m%d}")
    day = f"{lot.best_before:%d/%m/%Y}"
    page = client.get(f"/01/{lot.gtin}/10/{lot.code}?lang=vi").content.decode()
    assert f"<dt>{words}</dt><dd>{day}</dd>" in page
    other = "Hạn sử dụng" if ai == "15" else "Sử dụng tốt nhất trước"
    assert other not in page
    with translation.override("vi"):
        assert labels.date_line(lot) == f"{words}: {day}"
    with translation.override("en"):
        assert labels.date_line(lot) == ("Best before: " if ai == "15" else "Expiry date: ") + day


def test_label_text_is_drawn_and_long_links_still_decode():
    uri = "https://cho-ocop.example.vn/01/08930000000019/10/AK26-01%2FB?15=271001"
    pages = labels.label_sheets(
        uri=uri,
        title="Chè Tôm búp đặc biệt Long Nguyệt",
        lot_line="Lô: AK26-01/B",
        best_before_line="HSD: 01/10/2027",
        count=1,
    )
    assert decode_all(pages[0]) == [uri]
    label_area = pages[0].crop(
        (labels.MARGIN + 400, labels.MARGIN, labels.MARGIN + 1100, labels.MARGIN + 400)
    )
    assert label_area.getextrema()[0] == 0  # text was drawn beside the code


def test_bad_label_request_is_refused(producer_client, published_lot):
    assert producer_client.get(f"/trace/diary/{published_lot.pk}/labels/?count=0").status_code == 400
    assert (
        producer_client.get(f"/trace/diary/{published_lot.pk}/labels/?count=5&format=doc").status_code == 400
    )
