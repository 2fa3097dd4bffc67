"""QR labels: the codes on the rendered A4 sheet decode (with zxing-cpp) to the lot's exact Digital Link."""

from io import BytesIO

import pytest
import zxingcpp
from django.contrib.auth import get_user_model
from PIL import Image

from traceability import exports, labels

pytestmark = pytest.mark.django_db


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


def test_pdf_sheet_has_a_page_per_ten_labels(producer_client, published_lot):
    response = producer_client.get(f"/trace/diary/{published_lot.pk}/labels/?count=12&format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"/Count 2" in response.content  # 12 labels, 10 per A4 page


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
