"""Reports: sales by product, producer and month; settlement in whole đồng; exports safe to open."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from oscar.core.loading import get_model

from coops import reports
from coops.exports import spreadsheet_safe, to_csv, to_xlsx
from tests.factories import CoopFactory, ProducerFactory
from tests.fulfilment_orders import paid_order, product
from tests.order_states import order_in

Order = get_model("order", "Order")
Line = get_model("order", "Line")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("gross", "percent", "fee"),
    [
        (1_000_000, Decimal("5.00"), 50_000),
        (1_000_010, Decimal("5.00"), 50_001),  # 50,000.5 rounds half up
        (1_000_009, Decimal("5.00"), 50_000),  # 50,000.45 rounds down
        (333_333, Decimal("5.50"), 18_333),  # 18,333.315
        (450_000, Decimal("6.00"), 27_000),
        (199_999, Decimal("0.00"), 0),
        (1, Decimal("50.00"), 1),  # 0.5 rounds half up
        (0, Decimal("5.00"), 0),
        (987_654_321, Decimal("7.25"), 71_604_938),  # 71,604,938.27
    ],
)
def test_the_co_op_fee_is_rounded_half_up_to_a_whole_dong(gross, percent, fee):
    assert reports.coop_fee(gross=gross, fee_percent=percent) == fee
    assert isinstance(reports.coop_fee(gross=gross, fee_percent=percent), int)


def _set_price(order, amount: int):
    Line.objects.filter(order=order).update(line_price_incl_tax=Decimal(amount))


def test_the_settlement_owes_each_producer_gross_minus_the_fee_once_per_period(ours):
    ours.coop.fee_percent = Decimal("5.50")
    ours.coop.save()
    second = paid_order(ours.product)
    _set_price(ours.order, 111_111)
    _set_price(second, 222_222)
    period = reports.Period.month_of(timezone.localdate())
    statement = reports.settlement(coop=ours.coop, period=period)
    (row,) = statement.rows
    assert (row.producer, row.orders, row.gross) == (ours.producer.name, 2, 333_333)
    assert (row.fee, row.net) == (18_333, 315_000)
    assert (statement.gross, statement.fee, statement.net) == (333_333, 18_333, 315_000)


@pytest.mark.parametrize(
    ("status", "counted"),
    [("pending-payment", False), ("paid", True), ("packing", True), ("shipped", True), ("delivered", True),
     ("cancelled", False), ("expired", False), ("refund-pending", False), ("refunded", False),
     ("returned", False)],
)
def test_only_paid_and_onward_orders_are_sales(status, counted):
    coop = CoopFactory()
    order_in(status, product(producer=ProducerFactory(coop=coop)))
    period = reports.Period.month_of(timezone.localdate())
    assert bool(reports.settlement(coop=coop, period=period).rows) is counted


def test_sales_outside_the_period_are_not_counted(ours):
    Order.objects.filter(pk=ours.order.pk).update(date_placed=timezone.now() - timedelta(days=70))
    period = reports.Period.month_of(timezone.localdate())
    assert reports.sales_by_product(coop=ours.coop, period=period) == []


def test_another_co_ops_sales_stay_out(ours, theirs, mixed_order):
    period = reports.Period.month_of(timezone.localdate())
    producers = {row.label for row in reports.sales_by_producer(coop=ours.coop, period=period)}
    assert producers == {ours.producer.name}


def test_sales_by_month_lists_every_month_of_the_period(ours):
    today = timezone.localdate()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    start = (last_month - timedelta(days=1)).replace(day=1)
    rows = reports.sales_by_month(coop=ours.coop, period=reports.Period(start=start, end=today))
    assert len(rows) == 3
    assert rows[-1].label == f"{today.month:02d}/{today.year}" and rows[-1].amount > 0
    assert rows[0].amount == 0


def test_the_sales_page_draws_bar_charts_as_inline_svg(our_client, ours):
    second = product(producer=ours.producer, title="Chè thứ hai")
    paid_order(second)
    response = our_client.get(reverse("coops:sales-report", args=[ours.coop.slug]))
    html = response.content.decode()
    assert html.count('role="img"') == 3
    assert html.count('class="bar"') >= 4  # one month, one producer, two products
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_settlement_page_shows_the_statement(our_client, ours):
    _set_price(ours.order, 250_000)
    response = our_client.get(reverse("coops:settlement", args=[ours.coop.slug]))
    assert response.context["statement"].gross == 250_000
    assert "237.500" in response.content.decode() or "237,500" in response.content.decode()


def test_an_impossible_period_is_explained(our_client, ours):
    response = our_client.get(reverse("coops:settlement", args=[ours.coop.slug]),
                              {"start": "2026-05-01", "end": "2026-04-01"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_neutralised(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Chè Tôm", "Hộ ông Thành", 1500, -2000, Decimal("3"), None, ""])
def test_plain_values_and_numbers_pass_unchanged(value):
    assert spreadsheet_safe(value) == value


def test_csv_export_neutralises_every_dangerous_cell():
    data = to_csv(headers=["Tên", "Tiền"], rows=[[text, 100] for text in DANGEROUS])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Tên", "Tiền"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in DANGEROUS]
    assert all(row[1] == "100" for row in rows[1:])


def test_excel_export_keeps_dangerous_cells_as_text_and_numbers_as_numbers():
    data = to_xlsx(title="Settlement", headers=["Tên", "Tiền"], rows=[[text, 100] for text in DANGEROUS])
    sheet = load_workbook(io.BytesIO(data)).active
    for index, text in enumerate(DANGEROUS, start=2):
        cell = sheet.cell(row=index, column=1)
        # XML readers differ on a bare carriage return: the standard library's reads it as a line feed
        assert cell.data_type == "s"
        assert cell.value.replace("\r", "\n") == "'" + text.replace("\r", "\n")
        assert sheet.cell(row=index, column=2).value == 100


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_producer_named_like_a_formula_is_exported_safely(our_client, ours, file_format):
    ours.producer.name = "=cmd|' /C calc'!A0"
    ours.producer.save()
    url = reverse("coops:report-export", args=[ours.coop.slug, "sales-by-producer", file_format])
    response = our_client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if file_format == "csv":
        text = response.content.decode("utf-8-sig")
        assert "'=cmd" in text and "\n=cmd" not in text
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(row=2, column=1).value == "'=cmd|' /C calc'!A0"


REPORTS = ["settlement", "sales-by-product", "sales-by-producer", "sales-by-month"]


@pytest.mark.parametrize("report_name", REPORTS)
def test_every_report_exports(our_client, ours, report_name):
    for file_format in ("csv", "xlsx"):
        url = reverse("coops:report-export", args=[ours.coop.slug, report_name, file_format])
        assert our_client.get(url).status_code == 200


def test_an_unknown_report_answers_404(our_client, ours):
    assert our_client.get(f"/coop/{ours.coop.slug}/reports/passwords.csv").status_code == 404
    assert our_client.get(f"/coop/{ours.coop.slug}/reports/settlement.exe").status_code == 404
