"""A producer on a weak link: the installed portal opens offline, what is entered there waits and is
sent once when the signal returns, photos leave the phone small and without GPS, and the portal
is installable (Chromium's own installability check).

The phone is throttled to a slow 3G profile through the DevTools protocol, then cut off with
``context.set_offline(True)``.
"""

import json
import time
from datetime import timedelta
from email.parser import BytesParser
from email.policy import default as email_policy
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from offline.models import SentRequest
from portal.models import PhotoUpload
from tests.factories import ProducerFactory, ProductFactory
from tests.traceability.conftest import HARVEST, build_lot, gtin13
from traceability import services as trace_services
from traceability.models import DiaryEvent

pytestmark = pytest.mark.browser
StockRecord = get_model("partner", "StockRecord")
GPS_IFD = 0x8825
PASSWORD = "mat-khau-doi-che-2026"
#: DevTools' "Slow 3G": 400 ms round trip, about 50 KB/s each way.
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024}


@pytest.fixture
def tea_grower(transactional_db):
    """A tea grower's account, product and draft lot; no demo world (the site frame needs only a Site)."""
    from wagtail.models import Page, Site

    Site.objects.get_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": Page.get_first_root_node()}
    )
    producer = ProducerFactory(name="Hộ chè Khuôn Gằn")
    user = get_user_model().objects.create_user("khuongan@example.vn", "khuongan@example.vn", PASSWORD)
    producer.users.add(user)
    product = ProductFactory(upc=gtin13(), producer=producer, title="Chè búp Khuôn Gằn", categories=None)
    lot = build_lot(product=product, publish=False, code="KG-26")
    return {"user": user, "producer": producer, "product": product, "lot": lot}


@pytest.fixture
def phone(phone_page):
    """The phone of the shared fixture, on a slow 3G link."""
    phone_page.set_default_timeout(30_000)
    cdp = phone_page.context.new_cdp_session(phone_page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    return phone_page, cdp


def _signal(page, cdp, *, on: bool):
    """Cut or give back the phone's link (both the context and the throttled DevTools session say so)."""
    page.context.set_offline(not on)
    cdp.send("Network.emulateNetworkConditions", {**SLOW_3G, "offline": not on})
    if on:
        page.evaluate("window.dispatchEvent(new Event('online'))")


def _log_in(page):
    page.goto("/portal/login/")
    page.locator("#id_username").fill("khuongan@example.vn")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.portal-form button[type=submit]").click()
    page.wait_for_url("**/portal/")


def _installed(page):
    """The worker controls the page. If its install failed (a file it keeps did not arrive), the
    portal registers it again on the next visit, as on a phone: one reload, then the worker's state
    and the server's answer for each of its files say why it never took control."""
    for _visit in range(2):
        try:
            page.wait_for_function(
                "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=40_000
            )
            return
        except PlaywrightTimeoutError:
            state = _worker_state(page)
            page.reload()
    pytest.fail(f"the service worker never took control of {page.url}: {state}")


def _worker_state(page) -> dict:
    """What the browser says of the worker, and how the server answers each file it must keep."""
    return page.evaluate("""async () => {
        const registration = await navigator.serviceWorker.getRegistration("/");
        const worker = registration && (registration.installing || registration.waiting || registration.active);
        const script = await fetch("/portal/sw.js", { cache: "no-store" });
        const config = JSON.parse((await script.text()).match(/const CONFIG = (.*);/)[1]);
        const shell = {};
        for (const url of config.shell) { shell[url] = (await fetch(url, { cache: "no-store" })).status; }
        return { registered: !!registration, worker: worker ? worker.state : null, script: script.status, shell };
    }""")


def _kept(page, path):
    """Wait until the worker has a copy of ``path`` (wait_for_function would not await the promise)."""
    deadline = time.monotonic() + 30
    while not page.evaluate("async (path) => !!(await caches.match(path))", path):
        assert time.monotonic() < deadline, f"{path} was never kept for offline reading"
        page.wait_for_timeout(250)


def _open_offline_diary(page, cdp, lot):
    _log_in(page)
    _installed(page)
    page.goto("/trace/diary/")
    _kept(page, f"/trace/diary/{lot.pk}/")
    _kept(page, "/portal/products/")
    _signal(page, cdp, on=False)
    page.goto(f"/trace/diary/{lot.pk}/")
    expect(page.locator("[data-connection]")).to_have_class("connection is-offline")
    expect(page.locator("[data-connection]")).to_contain_text("Mất mạng")


def _diary_entry(page, *, kind, when, note, quantity=None):
    form = page.locator("form.diary-form")
    form.locator("#id_kind").select_option(kind)
    form.locator("#id_occurred_at").fill(when)
    form.locator("#id_note").fill(note)
    if quantity is not None:
        form.locator("#id_quantity").fill(quantity)
    form.locator("button[type=submit]").click()


def test_entries_made_offline_wait_and_are_sent_exactly_once(phone, tea_grower, screenshot):
    page, cdp = phone
    lot, product = tea_grower["lot"], tea_grower["product"]
    keys = []
    page.on("request", lambda r: r.method == "POST" and keys.append((r.url, r.headers.get("idempotency-key"))))
    before = lot.events.count()
    fixture_events = list(lot.events.values_list("pk", flat=True))
    _open_offline_diary(page, cdp, lot)

    _diary_entry(page, kind="planting", when=f"{HARVEST - timedelta(days=60):%Y-%m-%d}T07:00", note="Trồng dặm 40 gốc")
    expect(page.locator("[data-outbox-entry]")).to_have_count(1)
    fertiliser_day = f"{HARVEST - timedelta(days=30):%Y-%m-%d}T07:00"
    _diary_entry(page, kind="input", when=fertiliser_day, note="Bón phân hữu cơ")  # the product is missing
    _diary_entry(page, kind="planting", when=fertiliser_day, note="Ghi nhầm")
    expect(page.locator("[data-outbox-entry]")).to_have_count(3)
    expect(page.locator("[data-outbox]")).to_contain_text("Đang chờ gửi")

    # The producer discards the mistaken entry and completes the fertiliser entry before it is sent.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-outbox-entry]").nth(2).locator("[data-outbox-discard]").click()
    expect(page.locator("[data-outbox-entry]")).to_have_count(2)
    page.locator("[data-outbox-entry]").nth(1).locator("[data-outbox-edit]").click()
    expect(page.locator("[data-outbox-entry]")).to_have_count(1)
    form = page.locator("form.diary-form")
    expect(form.locator("#id_kind")).to_have_value("input")
    expect(form.locator("#id_note")).to_have_value("Bón phân hữu cơ")
    form.locator("#id_input_kind").select_option("fertiliser")
    form.locator("#id_input_product").fill("Phân chuồng ủ hoai")
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-outbox-entry]")).to_have_count(2)

    page.goto("/portal/products/")
    page.locator(f"#stock-{product.pk}").fill("7")
    page.locator(f"[data-product='{product.pk}'] form button[type=submit]").click()
    expect(page.locator("[data-outbox-entry]")).to_have_count(3)
    expect(page.locator("[data-outbox-entry]").last).to_contain_text("Đang chờ gửi")
    screenshot(page, "portal-offline-waiting")
    assert lot.events.count() == before and not SentRequest.objects.exists()

    _signal(page, cdp, on=True)
    expect(page.locator("[data-outbox-entry]")).to_have_count(0, timeout=60_000)
    notes = sorted(lot.events.exclude(pk__in=fixture_events).values_list("note", flat=True))
    assert notes == ["Bón phân hữu cơ", "Trồng dặm 40 gốc"]
    assert DiaryEvent.objects.get(note="Bón phân hữu cơ").input_product == "Phân chuồng ủ hoai"
    assert StockRecord.objects.get(product=product, partner=tea_grower["producer"]).num_in_stock == 7
    assert SentRequest.objects.filter(user=tea_grower["user"], status__lt=300).count() == 3

    # A request replayed with the same key (a lost answer) is answered again, not recorded again.
    diary_url, key = next((url, key) for url, key in keys if key and "/trace/diary/" in url)
    replay = page.evaluate(
        """async ([url, key]) => {
            const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
            const body = new FormData();
            body.append("kind", "planting"); body.append("occurred_at", "2026-02-09T07:00");
            body.append("note", "Trồng dặm 40 gốc");
            const r = await fetch(url, {method: "POST", body, headers: {"Idempotency-Key": key,
                "X-CSRFToken": csrf, "X-Requested-With": "XMLHttpRequest"}});
            return [r.status, r.headers.get("Idempotent-Replayed")];
        }""",
        [diary_url, key],
    )
    assert replay == [201, "true"]
    assert lot.events.exclude(pk__in=fixture_events).count() == 2


def test_an_entry_that_waited_while_the_co_op_published_becomes_a_draft_correction(phone, tea_grower):
    page, cdp = phone
    lot = tea_grower["lot"]
    _open_offline_diary(page, cdp, lot)
    _diary_entry(page, kind="harvest", when=f"{HARVEST:%Y-%m-%d}T06:00", note="Cân lại ở nhà: 46 kg", quantity="46")
    expect(page.locator("[data-outbox-entry]")).to_have_count(1)

    trace_services.publish_lot(lot=lot)  # the co-op, while the grower is out of signal
    harvest = lot.events.get(kind="harvest", corrects=None)
    assert harvest.is_published

    _signal(page, cdp, on=True)
    expect(page.locator("[data-outbox-entry]")).to_have_count(0, timeout=60_000)
    correction = DiaryEvent.objects.get(corrects=harvest)
    assert not correction.is_published and correction.quantity == 46
    assert correction.note == "Cân lại ở nhà: 46 kg" and correction.recorded_by == tea_grower["user"]
    page.reload()
    expect(page.locator("main")).to_contain_text("bản sửa nháp")


def _camera_photo_with_gps() -> bytes:
    """A 12-megapixel JPEG as a phone writes it, with the farm's GPS position in its EXIF."""
    image = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    image = Image.blend(image, noise, 0.35)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Samsung", "Galaxy A15"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (21.0, 38.0, 2.5), "E", (105.0, 39.0, 55.0)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def _photo_part(body: bytes, content_type: str) -> tuple[bytes, str]:
    message = BytesParser(policy=email_policy).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    parts = {part.get_param("name", header="content-disposition"): part for part in message.iter_parts()}
    return parts["photo"].get_payload(decode=True), parts["idempotency_key"].get_content().strip()


def test_a_camera_photo_travels_small_without_gps_and_a_cut_upload_completes(phone, tea_grower):
    page, cdp = phone
    product = tea_grower["product"]
    original = _camera_photo_with_gps()
    assert len(original) > 3_000_000 and Image.open(BytesIO(original)).getexif().get_ifd(GPS_IFD)
    attempts = []

    def cut_the_first(route):
        request = route.request
        attempts.append(_photo_part(request.post_data_buffer, request.headers["content-type"]))
        if len(attempts) == 1:
            route.abort("connectionreset")
        else:
            route.continue_()

    _log_in(page)
    page.route("**/photos/upload/", cut_the_first)
    page.goto(f"/portal/products/{product.pk}/photos/")
    page.locator("#id_photo").set_input_files(
        [{"name": "20260410_063012.jpg", "mimeType": "image/jpeg", "buffer": original}]
    )
    expect(page.locator("[data-photo]")).to_have_count(1, timeout=90_000)
    assert len(attempts) == 2
    (sent, first_key), (resent, second_key) = attempts
    assert first_key == second_key and sent == resent
    assert len(sent) < 1_000_000
    travelled = Image.open(BytesIO(sent))
    assert max(travelled.size) == 2000 and not travelled.getexif().get_ifd(GPS_IFD)
    assert PhotoUpload.objects.filter(product=product).count() == 1
    stored = Image.open(product.images.get().original.path)
    assert max(stored.size) <= 2000 and not stored.getexif().get_ifd(GPS_IFD)


def test_the_portal_is_installable_and_its_first_load_is_small(chromium, live_server, tea_grower):
    # The first load, measured without any worker or cache: what a phone downloads the first time.
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, service_workers="block"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    _log_in(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes = {}
    cdp.on("Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"], event["encodedDataLength"]))
    for path in ("/portal/", "/portal/products/", f"/trace/diary/{tea_grower['lot'].pk}/"):
        sizes.clear()
        page.goto(path, wait_until="networkidle")
        first_load = sum(sizes.values())
        print(f"first load of {path}: {first_load} bytes in {len(sizes)} requests")
        assert first_load < 100 * 1024
    context.close()

    context = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(30_000)
    _log_in(page)
    _installed(page)
    page.goto("/portal/")
    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # A Playwright context is an incognito profile, where Chromium installs nothing whatever the site;
    # every criterion that is the site's (manifest, icons, worker, start URL) must pass.
    assert [error["errorId"] for error in errors if error["errorId"] != "in-incognito"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/portal/manifest.webmanifest") and not manifest["errors"]
    # The start URL opens without a connection.
    context.set_offline(True)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {**SLOW_3G, "offline": True})
    start_url = json.loads(manifest["data"])["start_url"]
    assert start_url == "/portal/"
    page.goto(start_url)
    expect(page.locator(".portal-nav")).to_be_visible()
    expect(page.locator("[data-connection]")).to_have_class("connection is-offline")
    context.close()
