"""Who may reach what: producers see only their own objects, never staff screens; log-ins are rate-limited."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from coops import assisted
from portal import urls as portal_urls
from portal.acting import ActingFor
from tests.checkout_support import basket_with, pay_by_bank, place

pytestmark = pytest.mark.django_db

# URL name → (method, kwargs built from B's world and the shared order). Every object URL of the portal.
OBJECT_URLS = {
    "product-edit": ("get", lambda b, o: {"pk": b["product"].pk}),
    "product-publish": ("post", lambda b, o: {"pk": b["product"].pk}),
    "product-stock": ("post", lambda b, o: {"pk": b["product"].pk}),
    "photos": ("get", lambda b, o: {"pk": b["product"].pk}),
    "photo-upload": ("post", lambda b, o: {"pk": b["product"].pk}),
    "photo-move": ("post", lambda b, o: {"pk": b["product"].pk, "photo_pk": b["photo"].pk}),
    "photo-primary": ("post", lambda b, o: {"pk": b["product"].pk, "photo_pk": b["photo"].pk}),
    "photo-delete": ("post", lambda b, o: {"pk": b["product"].pk, "photo_pk": b["photo"].pk}),
    "order-detail": ("get", lambda b, o: {"number": o["b_only"].number}),
    "line-packed": ("post", lambda b, o: {"line_pk": o["b_line"].pk}),
    "assisted-object": ("post", lambda b, o: {"pk": o["b_entry"].pk}),
}
# Lists and forms with no object id: checked to show none of B's data.
OWN_DATA_URLS = {
    "home": {},
    "product-list": {},
    "product-add-choose": {},
    "product-add": {"class_slug": "tea"},
    "import": {},
    "import-confirm": {},
    "export": {"fmt": "csv"},
    "order-list": {},
    "assisted-entries": {},
}
POST_ONLY = {"import-confirm"}
ACCOUNT_URLS = {"login", "logout", "set-password"}
STAFF_URLS = {"invite": {}, "claims": {}, "claim-review": {"pk": 1}}


@pytest.fixture
def orders(producer_a, producer_b, shared_order):
    b_only = place(basket_with((producer_b["product"], 1))).order
    pay_by_bank(b_only)
    clerk = get_user_model().objects.create_user("clerk@coop.test", "clerk@coop.test", "pw-2026-clerk")
    producer = producer_b["producer"]
    producer.coop.users.add(clerk)
    entry = assisted.entry_note(
        acting=ActingFor(coop=producer.coop, producer=producer, clerk=clerk),
        kind=assisted.Kind.PRODUCT_CHANGED, product=producer_b["product"], summary=producer_b["product"].title,
    )
    return {
        "b_entry": entry,
        "shared": shared_order,
        "b_only": b_only,
        "b_line": shared_order.lines.get(partner=producer_b["producer"]),
    }


def test_every_portal_url_is_covered_by_these_tests():
    names = {p.name for p in portal_urls.urlpatterns}
    assert names == set(OBJECT_URLS) | set(OWN_DATA_URLS) | ACCOUNT_URLS | set(STAFF_URLS)


@pytest.mark.parametrize("name", sorted(OBJECT_URLS))
def test_producer_a_gets_404_on_producer_b_objects(client_a, producer_b, orders, name):
    method, kwargs = OBJECT_URLS[name]
    url = reverse(f"portal:{name}", kwargs=kwargs(producer_b, orders))
    response = getattr(client_a, method)(url, {"publish": "1", "stock": "0", "direction": "up"})
    assert response.status_code == 404
    producer_b["product"].refresh_from_db()
    assert producer_b["product"].images.count() == 1
    assert producer_b["product"].stockrecords.get().num_in_stock == 3
    assert orders["b_line"].__class__.objects.get(pk=orders["b_line"].pk).status == "paid"


def test_a_photo_of_b_is_not_reachable_through_a_product_of_a(client_a, producer_a, producer_b):
    url = reverse(
        "portal:photo-delete", kwargs={"pk": producer_a["product"].pk, "photo_pk": producer_b["photo"].pk}
    )
    assert client_a.post(url).status_code == 404
    assert producer_b["product"].images.exists()


@pytest.mark.parametrize("name", sorted(OWN_DATA_URLS))
def test_lists_and_forms_show_none_of_producer_b_data(client_a, producer_a, producer_b, orders, name):
    method = client_a.post if name in POST_ONLY else client_a.get
    response = method(reverse(f"portal:{name}", kwargs=OWN_DATA_URLS[name]), follow=True)
    assert response.status_code == 200
    assert producer_b["product"].title not in response.content.decode()


def test_the_shared_order_shows_only_producer_a_line(client_a, producer_a, producer_b, orders):
    response = client_a.get(reverse("portal:order-detail", kwargs={"number": orders["shared"].number}))
    page = response.content.decode()
    assert producer_a["product"].title in page
    assert producer_b["product"].title not in page
    assert f'data-line="{orders["b_line"].pk}"' not in page


@pytest.mark.parametrize("name", sorted(set(OBJECT_URLS) | set(OWN_DATA_URLS)))
def test_anonymous_visitors_are_sent_to_the_portal_login(client, producer_b, orders, name):
    kwargs = OBJECT_URLS[name][1](producer_b, orders) if name in OBJECT_URLS else OWN_DATA_URLS[name]
    response = client.get(reverse(f"portal:{name}", kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))


def test_a_customer_account_gets_403(client, db):
    customer = get_user_model().objects.create_user("c@example.com", "c@example.com", "pw-2026-customer")
    client.force_login(customer)
    assert client.get(reverse("portal:product-list")).status_code == 403


@pytest.mark.parametrize(
    "path", ["/dashboard/", "/dashboard/catalogue/", "/dashboard/orders/", "/cms-admin/"]
)
def test_producer_users_cannot_reach_the_staff_dashboard_or_wagtail_admin(client, client_a, path):
    staff = get_user_model().objects.create_user(
        "st@ocop.test", "st@ocop.test", "pw-2026-staff", is_staff=True
    )
    staff.is_superuser = True
    staff.save()
    client_staff = client.__class__()
    client_staff.force_login(staff)
    assert client_staff.get(path).status_code == 200
    response = client_a.get(path)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response["Location"]


@pytest.mark.parametrize("name", sorted(STAFF_URLS))
def test_staff_screens_refuse_producer_users(client_a, name):
    response = client_a.get(reverse(f"portal:{name}", kwargs=STAFF_URLS[name]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_good_login_is_not_counted(client, producer_a):
    for _ in range(8):
        response = client.post(
            reverse("portal:login"), {"username": "a@producer.test", "password": "pass-2026-portal"}
        )
        assert response.status_code == 302
        client.logout()


def test_staff_invite_creates_the_producer_user_and_mails_a_set_password_link(
    client, producer_a, django_capture_on_commit_callbacks
):
    staff = get_user_model().objects.create_user("s@ocop.test", "s@ocop.test", "pw-2026-staff", is_staff=True)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:invite"), {"email": "new@producer.test", "producer": producer_a["producer"].pk}
        )
    assert response.status_code == 302
    invited = get_user_model().objects.get(email="new@producer.test")
    assert not invited.is_staff and not invited.has_usable_password()
    assert producer_a["producer"].users.filter(pk=invited.pk).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@producer.test"]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    client.logout()
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": "Đồi chè xanh 2026", "new_password2": "Đồi chè xanh 2026"},
    )
    assert response.status_code == 302
    assert (
        client.post(
            reverse("portal:login"), {"username": "new@producer.test", "password": "Đồi chè xanh 2026"}
        ).status_code
        == 302
    )
    assert client.get(reverse("portal:product-list")).status_code == 200
