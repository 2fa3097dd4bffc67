"""Every file a user can send, through every upload endpoint: refused, or kept only in sanitised form.

Whatever is kept carries no location or camera metadata (read back with ExifTool), lives under a
random name inside its storage, and a refused file leaves no row and no file behind.
"""

from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model

from traceability.models import Certificate, DiaryEvent, EventFile

from .hostile_files import assert_no_location_or_camera, hostile_files, stored_files

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
FILES = hostile_files()


def _upload(hostile) -> SimpleUploadedFile:
    return SimpleUploadedFile(hostile.name, hostile.data, content_type=hostile.content_type)


def _portal_photo(client, market, hostile) -> str:
    client.force_login(market["owner"])
    product = market["product"]
    before = ProductImage.objects.filter(product=product).count()
    response = client.post(
        f"/portal/products/{product.pk}/photos/upload/",
        {"photo": _upload(hostile), "idempotency_key": ""}, **XHR,
    )
    after = ProductImage.objects.filter(product=product).count()
    if response.status_code == 201:
        assert after == before + 1
        return "photo"
    assert response.status_code in (400, 413), response.status_code
    assert response.json()["error"]
    assert after == before
    return "refused"


def _diary_entry(client, market, hostile) -> str:
    client.force_login(market["owner"])
    lot = market["lot"]
    before = DiaryEvent.objects.filter(lot=lot).count()
    response = client.post(
        f"/trace/diary/{lot.pk}/",
        {"kind": "processing", "step": "drying", "occurred_at": "2026-04-11T09:00", "note": "Sấy",
         "photo": _upload(hostile)},
    )
    events = DiaryEvent.objects.filter(lot=lot)
    if response.status_code == 302:
        attached = EventFile.objects.get(event__in=events.filter(note="Sấy"))
        assert events.count() == before + 1
        extension = {"photo": ".jpg", "document": ".pdf"}[attached.kind]
        assert Path(attached.file.name).suffix == extension
        return attached.kind
    assert response.status_code == 400
    assert response.context["form"].errors["photo"]
    assert events.count() == before, "a refused file must not leave its entry behind"
    return "refused"


def _product_import(client, market, hostile) -> str:
    client.force_login(market["owner"])
    before = Product.objects.count()
    response = client.post("/en/portal/products/import/", {"sheet": _upload(hostile)})
    assert response.status_code == 200
    assert response.context["form"].errors.get("sheet") or not response.context.get("check").ok
    assert Product.objects.count() == before
    return "refused"


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["kind", "number", "issuer", "valid_from", "valid_to", "document"]


def _certificate_document(client, market, hostile) -> str:
    form = CertificateForm(
        {"kind": "vietgap", "number": "VG-SEC", "issuer": "Cục Trồng trọt",
         "valid_from": "2026-01-01", "valid_to": "2027-01-01"},
        {"document": _upload(hostile)},
    )
    if not form.is_valid():
        assert form.errors["document"]
        assert not Certificate.objects.filter(number="VG-SEC").exists()
        return "refused"
    certificate = form.save()
    assert Path(certificate.document.name).suffix == ".pdf"
    return "document"


ENDPOINTS = {
    "portal-photo": (_portal_photo, lambda f: f.as_photo),
    "diary-attachment": (_diary_entry, lambda f: f.as_attachment),
    "product-import": (_product_import, lambda f: "refused"),
    "certificate-document": (
        _certificate_document, lambda f: "document" if f.as_attachment == "document" else "refused"
    ),
}


@pytest.mark.parametrize("hostile", FILES, ids=[f.key for f in FILES])
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_a_hostile_file_is_refused_or_sanitised(
    client, market, endpoint, hostile, tmp_path, django_capture_on_commit_callbacks
):
    roots = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]
    before = set().union(*(stored_files(root) for root in roots))
    send, expected = ENDPOINTS[endpoint]
    with django_capture_on_commit_callbacks(execute=True):  # what happens once the upload commits
        outcome = send(client, market, hostile)
    assert outcome == expected(hostile)
    new = set().union(*(stored_files(root) for root in roots)) - before
    if expected(hostile) == "refused":
        assert not new, f"a refused file left {sorted(p.name for p in new)}"
        return
    assert new
    for path in new:
        assert path.suffix in (".jpg", ".jpeg", ".webp", ".pdf"), path.name
        assert "Ảnh" not in str(path) and ".." not in path.name and "etc" not in path.parts
        assert path.resolve().is_relative_to(tmp_path.resolve())
        if path.suffix != ".pdf":
            assert_no_location_or_camera(path)
    stray = [p for p in tmp_path.parent.rglob("*🐝*")]
    assert not stray, stray
