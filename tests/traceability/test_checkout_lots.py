"""One step back: every line of a placed order records its lot, shown on the order page and in the e-mail."""

import pytest
from django.core import mail
from oscar.core.loading import get_model

from orders.links import order_token
from tests.checkout_support import basket_with, place
from traceability.models import LineLot, Lot

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")


def test_placed_order_lines_ship_from_the_first_expiring_published_lot(
    demo_world, client, django_capture_on_commit_callbacks
):
    honey = Product.objects.get(upc="8930000000026")
    lots = Lot.objects.filter(product=honey, published_at__isnull=False).order_by("best_before")
    assert lots.exists()
    with django_capture_on_commit_callbacks(execute=True):
        order = place(basket_with((honey, 2))).order
    line = order.lines.get()
    allocated = LineLot.objects.get(line=line).lot
    assert allocated == lots.first()
    allocated.refresh_from_db()
    assert allocated.units_allocated >= 2

    link_path = f"/01/{allocated.gtin}/10/{allocated.code}"
    assert link_path in mail.outbox[0].body
    page = client.get(f"/payments/order/{order_token(order)}/")
    assert link_path in page.content.decode()
