"""The resolver against GS1 Digital Link 1.4 and the GS1-Conformant Resolver Standard 1.1, as a table.

Every row is a link form with what the standard asks of its answer: status, Location, content
type; every answer must carry CORS headers, and every 200/307 a ``Link`` header to the linkset.
Validity is cross-checked with an independent parser (biip): biip refuses a row exactly when the
resolver answers 400. Compressed links are made by GS1's own toolkit (digital-link.js, from npm),
never by the package the resolver decompresses with.
"""

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
import zxingcpp
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from biip.gtin import Gtin
from django.utils import translation

from tests.factories import ProductFactory
from traceability import exports, gs1, labels

from .conftest import build_lot, certificate

pytestmark = pytest.mark.django_db

TEA = "8934567000000"
TEA14 = "0" + TEA
SHORT = "96385074"  # a GTIN-8 product
SHORT14 = SHORT.zfill(14)
UNKNOWN14 = "08934567000017"
ODD_LOT = "AK/26+%1"  # AI 10 allows /, + and %; each must survive the path
DL_JS = Path(__file__).parent / "digital_link_js"


@pytest.fixture
def catalogue(db, settings):
    settings.TRACE_BASE_URL = "https://qr.ocop.example"
    settings.SITE_URL = "https://shop.ocop.example"
    tea = ProductFactory(upc=TEA, title="Chè Tôm búp", categories=None)
    cert = certificate(valid_from=date(2025, 1, 1), valid_to=date(2027, 12, 31))
    plain = build_lot(product=tea, code="PLAIN-1", certificates=[cert])
    build_lot(product=tea, code=ODD_LOT)
    build_lot(product=tea, code="DRAFT-1", publish=False)
    short = ProductFactory(upc=SHORT, title="Mật ong", categories=None)
    build_lot(product=short, code="L8")
    return {"tea": tea, "plain": plain, "certificate": cert}


def product_page(product, language: str) -> str:
    with translation.override(language):
        return f"https://shop.ocop.example{product.get_absolute_url()}"


ODD = quote(ODD_LOT, safe="")
P = f"/01/{TEA14}"
L = f"{P}/10/PLAIN-1"
HTML, LINKSET, LD = "text/html", "application/linkset+json", "application/ld+json"

# (path and query, request headers, status, Location (callable of the catalogue or str), content type)
ROWS = [
    # a product without a lot: its page, in the visitor's language
    (P, {}, 307, lambda c: product_page(c["tea"], "vi"), None),
    (P, {"HTTP_ACCEPT_LANGUAGE": "en"}, 307, lambda c: product_page(c["tea"], "en"), None),
    (f"/01/{TEA}", {}, 301, P, None),
    (f"/01/{SHORT14}", {}, 307, None, None),
    (f"/01/{SHORT}", {}, 301, f"/01/{SHORT14}", None),
    (f"/01/{SHORT.zfill(12)}", {}, 301, f"/01/{SHORT14}", None),
    (f"/01/{SHORT.zfill(13)}/10/L8", {}, 301, f"/01/{SHORT14}/10/L8", None),
    (f"{P}/22/V1", {}, 307, lambda c: product_page(c["tea"], "vi"), None),
    (f"{P}/21/S-1", {}, 307, lambda c: product_page(c["tea"], "vi"), None),
    (f"{P}?linkType=linkset", {}, 200, None, LINKSET),
    (f"{P}?linkType=gs1:traceability", {}, 307, None, None),
    (f"{P}?linkType=gs1:epcis", {}, 404, None, None),
    # a lot: the resolver answers its trace page itself
    (L, {}, 200, None, HTML),
    (f"{L}/", {}, 400, None, None),  # the grammar has no trailing slash
    (f"{L}/21/S-0001", {}, 200, None, HTML),
    (f"{P}/22/V1/10/PLAIN-1", {}, 200, None, HTML),
    (f"{P}/22/V1/10/PLAIN-1/21/7", {}, 200, None, HTML),
    (f"{L}?17=271231", {}, 200, None, HTML),
    (f"{L}?15=270200&3103=000500", {}, 200, None, HTML),
    (f"{P}/10/{ODD}", {}, 200, None, HTML),
    (f"{P}/10/{ODD}/21/S1?linkType=gs1:epcis", {}, 200, None, LD),
    # linkType routing: CURIE and URI forms, linkset, all, Accept headers
    (f"{L}?linkType=gs1:pip", {}, 307, lambda c: product_page(c["tea"], "vi"), None),
    (f"{L}?linkType=gs1:pip", {"HTTP_ACCEPT_LANGUAGE": "en"}, 307, lambda c: product_page(c["tea"], "en"), None),
    (f"{L}?linkType=https://gs1.org/voc/pip", {}, 307, lambda c: product_page(c["tea"], "vi"), None),
    (f"{L}?linkType=https%3A%2F%2Fref.gs1.org%2Fvoc%2Fpip", {}, 307, lambda c: product_page(c["tea"], "vi"), None),
    (f"{L}?linkType=gs1:epcis", {}, 200, None, LD),
    (f"{L}?linkType=https://gs1.org/voc/epcis", {}, 200, None, LD),
    (f"{L}?linkType=gs1:traceability", {}, 200, None, HTML),
    (f"{L}?linkType=gs1:defaultLink", {}, 200, None, HTML),
    (f"{L}?linkType=gs1:certificationInfo", {}, 307,
     lambda c: f"https://qr.ocop.example{L}#certificate-{c['certificate'].pk}", None),
    (f"{P}/10/{ODD}?linkType=gs1:certificationInfo", {}, 404, None, None),
    (f"{L}?linkType=linkset", {}, 200, None, LINKSET),
    (f"{L}?linkType=all", {}, 200, None, LINKSET),
    (L, {"HTTP_ACCEPT": "application/linkset+json"}, 200, None, LINKSET),
    (L, {"HTTP_ACCEPT": "application/ld+json"}, 200, None, LD),
    (f"{L}?linkType=gs1:recipeInfo", {}, 404, None, None),
    (f"{L}?linkType=nonsense", {}, 404, None, None),
    # valid but unknown
    (f"{P}/10/NO-SUCH-LOT", {}, 404, None, None),
    (f"{P}/10/DRAFT-1", {}, 404, None, None),
    (f"/01/{UNKNOWN14}", {}, 404, None, None),
    (f"/01/{UNKNOWN14}/10/PLAIN-1", {}, 404, None, None),
    # not valid Digital Links: only these are 400
    ("/01/08934567000006/10/PLAIN-1", {}, 400, None, None),
    ("/01/0893456700000X", {}, 400, None, None),
    (f"{L}?17=991399", {}, 400, None, None),
    (f"{L}?15=abc", {}, 400, None, None),
    (f"{P}?17=270230", {}, 400, None, None),
    (f"{P}/10/", {}, 400, None, None),
    (f"{P}/10/A%20B", {}, 400, None, None),  # a space is not an AI 10 character
    (f"{P}/10/{'A' * 21}", {}, 400, None, None),
    (f"{P}/21/S1/10/PLAIN-1", {}, 400, None, None),
    (f"{P}/11/260101", {}, 400, None, None),
    (f"{L}/22/V1", {}, 400, None, None),
]


def _row_id(row) -> str:
    path, headers = row[0], row[1]
    return path + ("".join(f" {k}={v}" for k, v in headers.items()) if headers else "")


def _check(response, *, status, location, content_type, catalogue):
    assert response.status_code == status, response.content[:300]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"] and "OPTIONS" in response["Access-Control-Allow-Methods"]
    assert "Link" in response["Access-Control-Expose-Headers"]
    if location is not None:
        assert response["Location"] == (location(catalogue) if callable(location) else location)
    if content_type is not None:
        assert response["Content-Type"].startswith(content_type)
    if status in (200, 307):
        assert 'rel="linkset"' in response["Link"]
        assert 'rel="http://www.w3.org/ns/json-ld#context"' in response["Link"]
    if status == 400:
        assert response.json()["error"] == "invalid GS1 Digital Link"


def _biip_accepts(path: str) -> bool:
    """An independent reading of the link: biip parses it and the GTIN's check digit holds."""
    try:
        link = GS1DigitalLinkURI.parse(f"https://qr.ocop.example{path}")
        Gtin.parse(next(e.value for e in link.element_strings if e.ai.ai == "01"))
    except Exception:
        return False
    return not path.rstrip("/").endswith("/10")


def _answer_row(client, catalogue, path, headers, status, location, content_type) -> None:
    raw_path = path.split("?")[0]
    # gunicorn passes the path as sent (RAW_URI); Django's own servers only the decoded one, where
    # a lot's "/" cannot be told from a separator: valid links must resolve either way, invalid
    # ones are judged on the path as sent.
    for extra in ({"RAW_URI": path}, {}) if status != 400 else ({"RAW_URI": path},):
        response = client.get(path, **headers, **extra)
        _check(response, status=status, location=location, content_type=content_type, catalogue=catalogue)
    if raw_path.endswith("/10/") or "%20" in path:
        assert status == 400
    elif status != 301:
        assert _biip_accepts(path) == (status != 400), "biip and the resolver disagree on validity"
    options = client.options(path, RAW_URI=path)
    assert options.status_code == 204 and options["Access-Control-Allow-Origin"] == "*"
    assert set(options["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    if status == 200:
        head = client.head(path, **headers, RAW_URI=path)
        assert head.status_code == 200 and head.content == b""


def test_every_link_form_is_answered_as_the_standard_asks(client, catalogue):
    """One catalogue for the whole table (building it per row would take minutes); every row is
    checked and all the rows that fail are named."""
    failures = []
    for row in ROWS:
        try:
            _answer_row(client, catalogue, *row)
        except AssertionError as error:
            failures.append(f"{_row_id(row)}: {str(error).splitlines()[0]}")
    assert not failures, "\n".join(failures)
    assert len(ROWS) > 50


def test_a_lot_code_with_slash_plus_and_percent_round_trips_through_the_label(client, catalogue):
    lot = catalogue["tea"].lots.get(code=ODD_LOT)
    uri = exports.label_uri(lot)
    assert f"/10/{ODD}?" in uri
    printed = labels.label_sheets(uri=uri, title=lot.product.title, lot_line=lot.code, best_before_line="", count=1)
    scanned = [r.text for r in zxingcpp.read_barcodes(printed[0]) if r.format.name == "QRCode"]
    assert scanned == [uri]
    parsed = GS1DigitalLinkURI.parse(uri)
    assert [e.value for e in parsed.element_strings if e.ai.ai == "10"] == [ODD_LOT]
    path = uri.removeprefix("https://qr.ocop.example")
    page = client.get(path, RAW_URI=path)
    assert page.status_code == 200 and f" {ODD_LOT} · GTIN" in page.content.decode()
    linkset = client.get(path.split("?")[0] + "?linkType=linkset", RAW_URI=path.split("?")[0]).json()
    assert linkset["linkset"][0]["anchor"] == f"https://qr.ocop.example/01/{TEA14}/10/{ODD}"


def _compress(uris: list[str]) -> list[str]:
    if not (DL_JS / "node_modules" / "digital-link.js").is_dir() or not shutil.which("node"):
        if os.environ.get("CI"):
            pytest.fail("digital-link.js is not installed: run `make digital-link-js`")
        pytest.skip("digital-link.js is not installed (make digital-link-js)")
    done = subprocess.run(["node", str(DL_JS / "compress.js")], input="\n".join(uris), capture_output=True,
                          text=True, check=True, timeout=60)
    return done.stdout.split()


COMPRESSED_ROWS = [
    (P, 307, None),
    (L, 200, HTML),
    (f"{L}/21/S-0001", 200, HTML),
    (f"{P}/10/{ODD}", 200, HTML),
    (f"{L}?17=271231", 200, HTML),
    (f"{P}/22/V1/10/PLAIN-1", 200, HTML),
    (f"/01/{UNKNOWN14}", 404, None),
    (f"{P}/10/NO-SUCH-LOT", 404, None),
]


def test_compressed_links_made_by_gs1s_toolkit_are_decompressed(client, catalogue):
    uris = [f"https://qr.ocop.example{path}" for path, _status, _type in COMPRESSED_ROWS]
    compressed = _compress(uris)
    assert len(compressed) == len(uris)
    for short, (path, status, content_type) in zip(compressed, COMPRESSED_ROWS, strict=True):
        short_path = short.removeprefix("https://qr.ocop.example")
        assert short_path.count("/") == 1 and "/01/" not in short_path, short
        response = client.get(short_path)
        _check(response, status=status, location=None, content_type=content_type, catalogue=catalogue)
        if status == 200:
            assert response.content == client.get(path, RAW_URI=path).content
    with_link_type = _compress([f"https://qr.ocop.example{L}"])[0].removeprefix("https://qr.ocop.example")
    response = client.get(f"{with_link_type}?linkType=gs1:pip")
    assert response.status_code == 307 and response["Location"] == product_page(catalogue["tea"], "vi")
    assert client.options(with_link_type).status_code == 204


def test_a_page_path_without_its_slash_is_not_taken_for_a_compressed_link(client, catalogue):
    response = client.get("/gioi-thieu-vung-che")
    assert response.status_code == 301 and response["Location"] == "/gioi-thieu-vung-che/"


def test_linkset_is_complete_and_on_the_configured_hosts(client, catalogue):
    response = client.get(f"{L}?linkType=linkset", HTTP_HOST="localhost")
    entry = response.json()["linkset"][0]
    assert entry["anchor"] == f"https://qr.ocop.example{L}"
    pip = entry["https://gs1.org/voc/pip"]
    tea = catalogue["tea"]
    assert {link["href"] for link in pip} == {product_page(tea, "vi"), product_page(tea, "en")}
    assert [link["hreflang"] for link in pip] == [["vi"], ["en"]]
    epcis = entry["https://gs1.org/voc/epcis"][0]
    assert epcis["title"] and epcis["type"] == "application/ld+json"
    assert epcis["href"] == f"https://qr.ocop.example{L}?linkType=gs1:epcis"
    certificates = entry["https://gs1.org/voc/certificationInfo"]
    assert [c["title"] for c in certificates] == [str(catalogue["certificate"])]
    assert entry["https://gs1.org/voc/defaultLink"][0]["href"] == f"https://qr.ocop.example{L}"
    for links in (v for k, v in entry.items() if k != "anchor"):
        assert all(link["href"].startswith("https://") and link["title"] for link in links)
    as_json_ld = client.get(L, HTTP_ACCEPT="application/ld+json").json()
    assert as_json_ld["@context"] == "https://ref.gs1.org/standards/resolver/linkset-context"
    assert as_json_ld["linkset"] == response.json()["linkset"]


def test_the_page_the_linkset_and_the_label_read_one_link_table(client, catalogue):
    page = client.get(L, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    entry = client.get(f"{L}?linkType=linkset").json()["linkset"][0]
    assert f'href="{product_page(catalogue["tea"], "en")}"' in page
    assert f'id="certificate-{catalogue["certificate"].pk}"' in page
    assert any(link["href"].endswith(f"#certificate-{catalogue['certificate'].pk}")
               for link in entry["https://gs1.org/voc/certificationInfo"])


def test_resolver_description_answers_get_head_options_with_cors(client, catalogue):
    for method in (client.get, client.head, client.options):
        response = method("/.well-known/gs1resolver")
        assert response.status_code in (200, 204)
        assert response["Access-Control-Allow-Origin"] == "*"
    description = client.get("/.well-known/gs1resolver").json()
    assert set(description) <= {
        "name", "resolverRoot", "supportedPrimaryKeys", "supportedLinkType", "linkTypeDefaultCanBeLinkset",
        "supportedContextValuesEnumerated", "supportedContextValuesExternal", "contact",
    }
    assert description["resolverRoot"] == "https://qr.ocop.example"
    assert description["linkTypeDefaultCanBeLinkset"] is False
    assert json.dumps(description)


def test_other_methods_are_refused_with_405(client, catalogue):
    response = client.post(L)
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"


def test_build_refuses_values_the_path_cannot_carry():
    with pytest.raises(gs1.GS1Error):
        gs1.build_digital_link(base="https://x.vn", gtin=TEA, lot="A B")
    with pytest.raises(gs1.GS1Error):
        gs1.build_digital_link(base="https://x.vn", gtin=TEA, lot="A", attributes={"17": "991399"})


def test_gunicorn_passes_the_path_as_sent(tmp_path):
    """What the table's RAW_URI stands for: gunicorn decodes %2F in PATH_INFO and keeps RAW_URI as sent."""
    import socket
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--chdir", str(Path(__file__).parent / "wsgi_echo"), "echo_app:application"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        path = f"/01/{TEA14}/10/{ODD}?17=271231"
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
                    seen = json.load(answer)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert seen["RAW_URI"] == path
    assert seen["PATH_INFO"] == f"/01/{TEA14}/10/{ODD_LOT}"
