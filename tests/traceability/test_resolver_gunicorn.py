"""The resolver behind the web server it runs on in production (gunicorn), over real HTTP.

The link table elsewhere hands Django the path as gunicorn would (``RAW_URI``); here gunicorn
itself receives the request, so a lot code's ``%2F`` and a compressed link are routed exactly as
a phone's request would be.
"""

import subprocess

import pytest
import requests

from tests.processes import BASE_DIR, PYTHON, free_port, production_env, wait_for_port

from .test_resolver import ODD, ODD_LOT, TEA14, _compress, catalogue, product_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)
BASE = "https://qr.ocop.example"


@pytest.fixture
def resolver(catalogue, tmp_path):  # noqa: F811
    """gunicorn serving the shop on production settings, reading the catalogue this test made."""
    env = production_env(
        REDIS_URL="", SINGLE_PROCESS="true", TRACE_BASE_URL=BASE, SITE_URL="https://shop.ocop.example",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    # The production settings serve static files from collectstatic's manifest.
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=BASE_DIR, env=env, check=True)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "shop.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"),
    )
    try:
        wait_for_port(port, timeout=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(base: str, path: str, **headers) -> requests.Response:
    return requests.get(base + path, headers={"X-Forwarded-Proto": "https", **headers},
                        allow_redirects=False, timeout=60)


def test_gunicorn_routes_a_lot_code_with_a_slash_and_compressed_links(resolver, catalogue):  # noqa: F811
    odd = f"/01/{TEA14}/10/{ODD}"
    assert "%2F" in odd  # the lot code "AK/26+%1" travels with its slash encoded

    page = _get(resolver, odd)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert f" {ODD_LOT} · GTIN" in page.text
    assert page.headers["Access-Control-Allow-Origin"] == "*" and "linkset" in page.headers["Link"]

    linkset = _get(resolver, odd, Accept="application/linkset+json")
    assert linkset.status_code == 200
    assert linkset.json()["linkset"][0]["anchor"] == f"{BASE}{odd}"

    # the same code with its slash sent as a separator is not a Digital Link at all
    assert _get(resolver, f"/01/{TEA14}/10/AK/26%2B%251").status_code == 400

    short_odd, short_plain = (
        uri.removeprefix(BASE) for uri in _compress([f"{BASE}{odd}", f"{BASE}/01/{TEA14}/10/PLAIN-1"])
    )
    assert "/01/" not in short_odd and short_odd.count("/") == 1
    compressed = _get(resolver, short_odd)
    assert compressed.status_code == 200 and f" {ODD_LOT} · GTIN" in compressed.text
    pip = _get(resolver, f"{short_plain}?linkType=gs1:pip")
    assert pip.status_code == 307 and pip.headers["Location"] == product_page(catalogue["tea"], "vi")
    preflight = requests.options(resolver + short_plain, headers={"X-Forwarded-Proto": "https"}, timeout=60)
    assert preflight.status_code == 204 and preflight.headers["Access-Control-Allow-Origin"] == "*"
