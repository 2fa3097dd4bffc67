"""Co-op staff enter records for a member who brings paper notes: who entered what for whom.

A clerk chooses a member, lists a product with a photo, keeps its stock and writes the diary;
every record names the clerk, the co-op and the producer; the trace page says the co-op recorded
it; the producer sees it and objects with a correction; nobody else can act for the member.
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from coops import assisted
from coops import urls as coop_urls
from coops.models import AssistedEntry
from portal import services as portal_services
from portal.acting import ActingFor
from tests.factories import CoopFactory, ProducerFactory, ProductFactory
from tests.fulfilment_orders import paid_order
from tests.portal.conftest import jpeg_bytes, upload
from tests.portal.test_access import OBJECT_URLS as PRODUCERS_OBJECT_URLS
from tests.traceability.conftest import build_lot, gtin13
from traceability import services as diary
from traceability import urls as diary_urls
from traceability.models import DiaryEvent

pytestmark = pytest.mark.django_db
User = get_user_model()
Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@dataclass
class CoopWorld:
    coop: object
    clerk: object
    member: object
    member_user: object
    product: object
    lot: object
    photo: object
    order: object
    entry: object


def _world(name: str) -> CoopWorld:
    coop = CoopFactory(name=f"HTX {name}")
    clerk = User.objects.create_user(f"clerk-{name}", f"clerk-{name}@htx.vn", "mat-khau-htx")
    coop.users.add(clerk)
    member = ProducerFactory(coop=coop, name=f"Bà {name}")
    member_user = User.objects.create_user(f"ho-{name}", f"ho-{name}@example.vn", "mat-khau-ho")
    member.users.add(member_user)
    product = ProductFactory(upc=gtin13(), producer=member, title=f"Mật ong {name}", categories=None)
    tea_class, _ = ProductClass.objects.get_or_create(slug="tea", defaults={"name": "Chè", "track_stock": True})
    portal_services.product_save(
        producer=member, product=product, product_class=tea_class, title=f"Mật ong {name}",
        description="Mật ong rừng", price=150000, stock=5,
    )
    receipt, _ = portal_services.photo_add(product=product, upload=upload(jpeg_bytes()), idempotency_key=name)
    lot = build_lot(product=product, code=f"{name.upper()}-1")
    order = paid_order(product, email=f"khach-{name}@example.vn")
    entry = assisted.entry_note(
        acting=ActingFor(coop=coop, producer=member, clerk=clerk), kind=assisted.Kind.DIARY_EVENT,
        diary_event=lot.events.first(), summary="Phun thuốc",
    )
    return CoopWorld(coop, clerk, member, member_user, product, lot, receipt.image, order, entry)


@pytest.fixture
def ours(demo_world):
    return _world("che")


@pytest.fixture
def theirs(demo_world):
    return _world("ong")


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _act(client, world: CoopWorld):
    url = reverse("coops:act-for", kwargs={"slug": world.coop.slug, "producer_id": world.member.pk})
    return client.post(url)


@pytest.fixture
def acting_clerk(ours):
    client = _login(ours.clerk)
    assert _act(client, ours).status_code == 302
    return client


def _add_tea(client, title="Chè búp sổ tay"):
    return client.post(
        reverse("portal:product-add", kwargs={"class_slug": "tea"}),
        {
            "title": title, "category": str(Category.objects.get(name_vi="Chè búp").pk),
            "description": "Chép từ sổ", "price": "120000", "stock": "7",
        },
    )


def test_the_members_screen_lists_only_the_coops_own_members(ours, theirs):
    page = _login(ours.clerk).get(reverse("coops:members", kwargs={"slug": ours.coop.slug})).content.decode()
    assert f'data-member="{ours.member.pk}"' in page and f'data-member="{theirs.member.pk}"' not in page


def test_every_portal_and_diary_screen_says_who_the_clerk_enters_for(acting_clerk, ours):
    for url in (
        reverse("portal:home"),
        reverse("portal:product-list"),
        reverse("portal:photos", kwargs={"pk": ours.product.pk}),
        reverse("traceability:lot_list"),
        reverse("traceability:lot_diary", kwargs={"lot_id": ours.lot.pk}),
    ):
        page = acting_clerk.get(url).content.decode()
        assert "Đang nhập thay cho Bà che" in page, url
        assert reverse("coops:stop-acting", kwargs={"slug": ours.coop.slug}) in page


def test_a_clerk_lists_a_product_with_a_photo_and_keeps_its_stock_for_a_member(acting_clerk, ours):
    assert _add_tea(acting_clerk).status_code == 302
    product = Product.objects.get(title_vi="Chè búp sổ tay")
    assert product.producer == ours.member
    photo = acting_clerk.post(
        reverse("portal:photo-upload", kwargs={"pk": product.pk}),
        {"photo": upload(jpeg_bytes(), "so-tay.jpg"), "idempotency_key": "notebook-1"}, **XHR,
    )
    assert photo.status_code == 201
    stock = acting_clerk.post(reverse("portal:product-stock", kwargs={"pk": product.pk}), {"stock": "11"})
    assert stock.status_code == 302 and product.stockrecords.get().num_in_stock == 11

    entries = list(AssistedEntry.objects.filter(product=product).order_by("id"))
    assert [e.kind for e in entries] == ["product_listed", "photo_added", "stock_changed"]
    for entry in entries:
        assert (entry.coop, entry.producer, entry.entered_by) == (ours.coop, ours.member, ours.clerk)
    assert entries[1].photo_upload.image == product.images.get()
    assert entries[2].summary == "Tồn kho: 7 → 11"


def test_a_clerk_enters_a_diary_event_from_the_notebook_and_the_trace_page_says_so(
    acting_clerk, ours, django_capture_on_commit_callbacks
):
    lot = ours.lot
    response = acting_clerk.post(
        reverse("traceability:lot_diary", kwargs={"lot_id": lot.pk}),
        {"kind": "processing", "step": "drying", "occurred_at": "2026-04-11T09:00", "note": "Sấy theo sổ"},
    )
    assert response.status_code == 302
    event = lot.events.get(note="Sấy theo sổ")
    assert event.recorded_by == ours.clerk
    assert (event.assisted_entry.coop, event.assisted_entry.producer) == (ours.coop, ours.member)
    trace_url = f"/01/{lot.gtin}/10/{lot.code}"
    assert f'id="event-{event.pk}"' not in Client().get(trace_url).content.decode()  # a draft is not public
    with django_capture_on_commit_callbacks(execute=True):
        assert acting_clerk.post(reverse("traceability:publish", kwargs={"lot_id": lot.pk})).status_code == 302
    page = Client().get(trace_url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Hợp tác xã HTX che ghi thay cho Bà che" in _timeline_entry(page, event)
    harvest = lot.events.get(kind="harvest")  # the producer's own entry says nothing of the kind
    assert "ghi thay cho" not in _timeline_entry(page, harvest)
    assert diary.verify_lot(lot=lot) == []


def _timeline_entry(page: str, event) -> str:
    return re.search(rf'<li id="event-{event.pk}".*?</li>', page, re.S).group(0)


def test_the_producer_sees_what_was_entered_and_objects_with_a_correction(acting_clerk, ours):
    acting_clerk.post(
        reverse("traceability:lot_diary", kwargs={"lot_id": ours.lot.pk}),
        {"kind": "processing", "step": "drying", "occurred_at": "2026-04-11T09:00", "note": "Sấy theo sổ"},
    )
    acting_clerk.post(reverse("traceability:publish", kwargs={"lot_id": ours.lot.pk}))
    entry = AssistedEntry.objects.get(diary_event__note="Sấy theo sổ")
    # The clerk cannot object in the producer's name.
    objection_url = reverse("portal:assisted-object", kwargs={"pk": entry.pk})
    assert acting_clerk.post(objection_url, {"objection": "x"}).status_code == 404

    producer = _login(ours.member_user)
    page = producer.get(reverse("portal:assisted-entries")).content.decode()
    assert f'data-entry="{entry.pk}"' in page and "clerk-che@htx.vn" in page and "HTX che" in page
    response = producer.post(objection_url, {"objection": "Hôm đó tôi không sấy"})
    assert response.status_code == 302
    entry.refresh_from_db()
    correction = DiaryEvent.objects.get(corrects=entry.diary_event)
    assert entry.correction == correction and entry.objection == "Hôm đó tôi không sấy"
    assert not correction.is_published and correction.recorded_by == ours.member_user
    assert "Hôm đó tôi không sấy" in correction.note
    assert producer.post(objection_url, {"objection": "lần nữa"}).status_code == 302
    assert DiaryEvent.objects.filter(corrects=entry.diary_event).count() == 1


def test_while_acting_the_portal_shows_only_the_members_records(acting_clerk, ours, theirs):
    page = acting_clerk.get(reverse("traceability:lot_list")).content.decode()
    assert ours.lot.code in page and theirs.lot.code not in page
    assert ours.product.title in acting_clerk.get(reverse("portal:product-list")).content.decode()


def test_stopping_ends_the_acting_for_choice(acting_clerk, ours):
    acting_clerk.post(reverse("coops:stop-acting", kwargs={"slug": ours.coop.slug}))
    assert acting_clerk.get(reverse("portal:product-list")).status_code == 403


def test_a_member_who_leaves_the_coop_is_no_longer_entered_for(acting_clerk, ours):
    ours.member.coop = None
    ours.member.save()
    assert acting_clerk.get(reverse("portal:product-list")).status_code == 403
    assert _add_tea(acting_clerk).status_code == 403
    assert list(AssistedEntry.objects.all()) == [ours.entry]


# Every portal and diary URL that names an object, with what it needs (the other co-op's world).
PORTAL_OBJECT_URLS = {
    "product-edit": ("get", lambda w: {"pk": w.product.pk}),
    "product-publish": ("post", lambda w: {"pk": w.product.pk}),
    "product-stock": ("post", lambda w: {"pk": w.product.pk}),
    "photos": ("get", lambda w: {"pk": w.product.pk}),
    "photo-upload": ("post", lambda w: {"pk": w.product.pk}),
    "photo-move": ("post", lambda w: {"pk": w.product.pk, "photo_pk": w.photo.pk}),
    "photo-primary": ("post", lambda w: {"pk": w.product.pk, "photo_pk": w.photo.pk}),
    "photo-delete": ("post", lambda w: {"pk": w.product.pk, "photo_pk": w.photo.pk}),
    "order-detail": ("get", lambda w: {"number": w.order.number}),
    "line-packed": ("post", lambda w: {"line_pk": w.order.lines.get().pk}),
    "assisted-object": ("post", lambda w: {"pk": w.entry.pk}),
}
DIARY_OBJECT_URLS = {
    "lot_diary": ("post", lambda w: {"lot_id": w.lot.pk}),
    "publish": ("post", lambda w: {"lot_id": w.lot.pk}),
    "lot_details": ("post", lambda w: {"lot_id": w.lot.pk}),
    "label_sheet": ("get", lambda w: {"lot_id": w.lot.pk}),
    "national_record": ("get", lambda w: {"lot_id": w.lot.pk, "file_format": "json"}),
    "correct_event": ("post", lambda w: {"lot_id": w.lot.pk, "event_id": w.lot.events.first().pk}),
    "delete_draft": ("post", lambda w: {"lot_id": w.lot.pk, "event_id": w.lot.events.first().pk}),
    "translate_event": ("post", lambda w: {"lot_id": w.lot.pk, "event_id": w.lot.events.first().pk}),
    "lot_diary_get": ("get", lambda w: {"lot_id": w.lot.pk}),
}
COOP_ACTING_URLS = {
    "members": ("get", lambda w: {"slug": w.coop.slug}),
    "act-for": ("post", lambda w: {"slug": w.coop.slug, "producer_id": w.member.pk}),
    "stop-acting": ("post", lambda w: {"slug": w.coop.slug}),
}
EVERY_URL = [
    *(f"portal:{name}" for name in PORTAL_OBJECT_URLS),
    *(f"traceability:{name}" for name in DIARY_OBJECT_URLS),
    *(f"coops:{name}" for name in COOP_ACTING_URLS),
]


def test_every_object_url_of_the_portal_the_diary_and_the_members_screen_is_checked():
    assert set(PORTAL_OBJECT_URLS) == set(PRODUCERS_OBJECT_URLS)
    diary_names = {p.name for p in diary_urls.urlpatterns if p.name != "lot_list"}
    assert diary_names == {name.removesuffix("_get") for name in DIARY_OBJECT_URLS}
    acting_names = {p.name for p in coop_urls.urlpatterns if p.name in {"members", "act-for", "stop-acting"}}
    assert acting_names == set(COOP_ACTING_URLS)


def _url(name: str, world: CoopWorld) -> tuple[str, str]:
    namespace, short = name.split(":")
    table = {"portal": PORTAL_OBJECT_URLS, "traceability": DIARY_OBJECT_URLS, "coops": COOP_ACTING_URLS}[namespace]
    method, kwargs = table[short]
    return method, reverse(name.removesuffix("_get"), kwargs=kwargs(world))


def _untouched(world: CoopWorld) -> None:
    world.product.refresh_from_db()
    assert world.product.images.count() == 1 and world.product.stockrecords.get().num_in_stock == 5
    assert world.lot.events.count() == 2
    assert list(AssistedEntry.objects.filter(producer=world.member)) == [world.entry]
    world.entry.refresh_from_db()
    assert world.entry.objected_at is None
    assert world.order.lines.get().status == "paid"


@pytest.mark.parametrize("name", EVERY_URL)
def test_a_clerk_of_another_coop_gets_404_on_every_url(name, ours, theirs):
    """The other co-op's clerk, acting for their own member, reaches none of our member's records."""
    clerk = _login(theirs.clerk)
    _act(clerk, theirs)
    method, url = _url(name, ours)
    response = getattr(clerk, method)(url, {"kind": "harvest", "stock": "0", "publish": "1", "direction": "up"})
    assert response.status_code == 404, url
    _untouched(ours)


@pytest.mark.parametrize("name", EVERY_URL)
def test_a_clerk_of_another_coop_not_acting_gets_404_or_is_refused(name, ours, theirs):
    clerk = _login(theirs.clerk)
    method, url = _url(name, ours)
    response = getattr(clerk, method)(url, {"kind": "harvest", "stock": "0", "publish": "1", "direction": "up"})
    assert response.status_code in (403, 404), url
    _untouched(ours)


def test_a_producer_cannot_act_for_anyone(ours, theirs):
    producer = _login(ours.member_user)
    for world in (ours, theirs):
        assert _act(producer, world).status_code == 404
        assert producer.get(reverse("coops:members", kwargs={"slug": world.coop.slug})).status_code == 404
    assert "acting_for" not in producer.session
    page = producer.get(reverse("portal:product-list")).content.decode()
    assert "Đang nhập thay cho" not in page and theirs.product.title not in page


def test_a_forged_choice_in_the_session_is_dropped(ours, theirs):
    """The choice is checked against membership on every request, not trusted from the session."""
    clerk = _login(theirs.clerk)
    session = clerk.session
    session["acting_for"] = {"coop": theirs.coop.pk, "producer": ours.member.pk}
    session.save()
    assert clerk.get(reverse("portal:product-edit", kwargs={"pk": ours.product.pk})).status_code == 403
    assert "acting_for" not in clerk.session
