"""Two gunicorn servers, one task worker, Redis and an S3 API: one shop, whichever process answers.

Everything here runs as in production: the production settings, PostgreSQL (in CI), a Redis
this test owns (so it can restart it), moto's S3 server for the media, two web servers on two
ports and one `db_worker`. The test talks to them over HTTP only, as browsers would.
"""

import re
import subprocess
import time
import uuid

import boto3
import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from oscar.core.loading import get_model

from tests.portal import images
from tests.processes import (
    BASE_DIR,
    PYTHON,
    OwnRedis,
    free_port,
    production_env,
    start_moto_server,
    wait_for_port,
)
from traceability.gs1 import digital_link_path
from traceability.models import Lot, ScanCount

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db(transaction=True)
PRODUCER, PRODUCER_PASSWORD = "dongtam@ocop.localhost", "ocop-producer-2026"
#: The header's link to the account, shown to a signed-in customer only.
ACCOUNT_LINK = 'href="/shop/accounts/"'


class Browser:
    """A visitor over HTTP: keeps its cookies (sent although the production cookies are Secure)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, method: str, base: str, path: str, **kwargs) -> requests.Response:
        headers = {"X-Forwarded-Proto": "https", "Origin": base.replace("http://", "https://"),
                   "Referer": base.replace("http://", "https://") + path, **kwargs.pop("headers", {})}
        response = requests.request(method, base + path, headers=headers, cookies=self.cookies,
                                    allow_redirects=False, timeout=60, **kwargs)
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def get(self, base, path, **kwargs):
        return self.request("GET", base, path, **kwargs)

    def post_form(self, base, path, data, **kwargs):
        page = self.get(base, path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request("POST", base, path, data={"csrfmiddlewaretoken": token, **data}, **kwargs)


@pytest.fixture
def shop(tmp_path, demo_world, monkeypatch):
    """Redis, the S3 API, two web servers and a worker; yields (server_a, server_b, redis, s3, bucket)."""
    redis, moto_port = OwnRedis(tmp_path), free_port()
    processes, bases = [], []
    try:
        redis.start()
        processes.append(start_moto_server(moto_port))
        yield from _servers(tmp_path, monkeypatch, redis, moto_port, processes, bases)
    finally:
        for log in sorted(tmp_path.glob("*.log")):  # shown by pytest when the test failed
            print(f"--- {log.name}\n{log.read_text()[-4000:]}")
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        redis.stop()


def _servers(tmp_path, monkeypatch, redis, moto_port, processes, bases):
    """Start the servers and the worker (each recorded in ``processes`` at once, for the teardown)."""
    s3_url = f"http://127.0.0.1:{moto_port}"
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    bucket = f"ocop-{uuid.uuid4().hex[:8]}"
    s3 = boto3.client("s3", endpoint_url=s3_url, region_name="us-east-1")
    s3.create_bucket(Bucket=bucket)
    env = production_env(
        REDIS_URL=redis.url,
        AWS_STORAGE_BUCKET_NAME=bucket,
        AWS_S3_ENDPOINT_URL=s3_url,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        TRACE_SCAN_FLUSH_EVERY="5",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    # The production settings serve static files from collectstatic's manifest.
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=BASE_DIR, env=env, check=True)
    for server in ("a", "b"):
        port = free_port()
        processes.append(subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "shop.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
            cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / f"server-{server}.log").open("w"),
        ))
        bases.append(f"http://127.0.0.1:{port}")
    processes.append(subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=(tmp_path / "worker.log").open("w"),
    ))
    for base in bases:
        wait_for_port(int(base.rsplit(":", 1)[1]), timeout=120)
    yield bases[0], bases[1], redis, s3, bucket


def _eventually(check, *, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while True:
        if result := check():
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{check.__name__} never came true")
        time.sleep(0.3)


def _with_production_password(user, password: str) -> None:
    """The test settings hash with MD5 for speed; the production servers accept only real hashers."""
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(password, hasher.salt())
    user.save(update_fields=["password"])


def test_two_web_servers_and_a_worker_keep_one_shop(shop):
    server_a, server_b, redis, s3, bucket = shop
    _with_production_password(get_user_model().objects.get(email=PRODUCER), PRODUCER_PASSWORD)
    producer = Partner.objects.get(users__email=PRODUCER)
    product = Product.objects.filter(producer=producer, is_public=True).order_by("pk").first()
    product_path = product.get_absolute_url()
    visitor = Browser()

    # A product unpublished through A disappears from B's (cached) pages at once.
    assert visitor.get(server_b, product_path).status_code == 200
    assert product.title in visitor.get(server_b, "/shop/catalogue/").text
    assert visitor.get(server_b, "/shop/catalogue/").headers["X-Page-Cache"] == "hit"
    seller = Browser()
    logged_in = seller.post_form(server_a, "/portal/login/", {"username": PRODUCER, "password": PRODUCER_PASSWORD})
    assert logged_in.status_code == 302
    page = seller.get(server_a, "/portal/products/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    hidden = seller.request("POST", server_a, f"/portal/products/{product.pk}/publish/",
                            data={"csrfmiddlewaretoken": token, "publish": "0"})
    assert hidden.status_code == 302
    assert visitor.get(server_b, product_path).status_code == 404
    assert product.title not in visitor.get(server_b, "/shop/catalogue/").text

    # An upload through A is processed by the worker and shown by B (from the bucket).
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                      seller.get(server_a, f"/portal/products/{product.pk}/photos/").text).group(1)
    received = seller.request(
        "POST", server_a, f"/portal/products/{product.pk}/photos/upload/",
        data={"csrfmiddlewaretoken": token, "idempotency_key": "two-servers"},
        files={"photo": ("doi-che.jpg", images.rotated_jpeg_with_gps(), "image/jpeg")},
        headers={"X-Requested-With": "XMLHttpRequest", "X-CSRFToken": token},
    )
    assert received.status_code == 202, received.text

    def photo_in_bucket():
        listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        return [item["Key"] for item in listed if item["Key"].startswith(f"images/products/{product.pk}/")]

    keys = _eventually(photo_in_bucket)
    original = next(key for key in keys if key.endswith(".jpg") and "_" not in key.rsplit("/", 1)[1])
    stem = original.rsplit("/", 1)[1].rsplit(".", 1)[0]

    def shown_by_b():  # the files land before the worker's transaction commits the photo
        return stem in seller.get(server_b, f"/portal/products/{product.pk}/photos/").text

    _eventually(shown_by_b)

    # Scans counted through both servers reach the database.
    lot = Lot.objects.filter(published_at__isnull=False).first()
    trace = digital_link_path(gtin=lot.gtin, lot=lot.code)
    before = sum(ScanCount.objects.filter(lot=lot).values_list("count", flat=True))
    for index in range(10):
        assert Browser().get(server_a if index % 2 else server_b, trace).status_code == 200

    def scans_written():
        return sum(ScanCount.objects.filter(lot=lot).values_list("count", flat=True)) - before == 10

    _eventually(scans_written)

    # Five wrong passwords spread over A and B lock the account: the fifth answer is the lockout.
    guesser = Browser()
    statuses = [
        guesser.post_form(server_a if index % 2 else server_b, "/portal/login/",
                          {"username": PRODUCER, "password": "wrong"}).status_code
        for index in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429], statuses
    locked = Browser().post_form(server_a, "/portal/login/", {"username": PRODUCER, "password": PRODUCER_PASSWORD})
    assert locked.status_code in (403, 429)

    # The basket and the login survive a Redis restart.
    honey = Product.objects.get(upc="8930000000026")
    buyer = Browser()
    _with_production_password(
        get_user_model().objects.create_user(username="mai", email="mai@example.vn"), "mat-ong-2026"
    )
    assert buyer.post_form(server_a, "/shop/accounts/login/", {
        "login-username": "mai@example.vn", "login-password": "mat-ong-2026", "login_submit": "1"
    }).status_code == 302
    honey_page = buyer.get(server_b, honey.get_absolute_url()).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', honey_page).group(1)
    buyer.request("POST", server_b, f"/shop/basket/add/{honey.pk}/", data={"csrfmiddlewaretoken": token, "quantity": 2})
    stranger = Browser()
    assert ACCOUNT_LINK not in stranger.get(server_a, "/shop/basket/").text
    assert stranger.get(server_a, "/shop/accounts/profile/").headers["Location"].startswith("/shop/accounts/login/")
    redis.stop()
    redis.start()
    for server in (server_a, server_b):
        basket = buyer.get(server, "/shop/basket/")
        assert basket.status_code == 200
        assert ACCOUNT_LINK in basket.text  # the header offers "Log in" instead to a visitor
        assert 'data-basket-count>2<' in basket.text
        profile = buyer.get(server, "/shop/accounts/profile/")  # a visitor is sent to the login page
        assert profile.status_code == 200
        assert "mai@example.vn" in profile.text
