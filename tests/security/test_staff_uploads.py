"""Staff uploads pass the same policy as producers': dashboard product images, page-editor images
and documents. Hostile files are refused with the policy's message; photos keep no location."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from oscar.core.loading import get_class, get_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.factories import ProductFactory
from tests.security.hostile_files import assert_no_location_or_camera, hostile_files

pytestmark = pytest.mark.django_db
ProductImage = get_model("catalogue", "ProductImage")
STAFF_CASES = [f for f in hostile_files() if f.key not in ("50mb", "png-bomb", "path-unicode-name")]


def _upload(hostile):
    return SimpleUploadedFile(hostile.name, hostile.data, content_type=hostile.content_type)


@pytest.fixture
def editor(db):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bien-tap", "bt@example.vn", "mat-khau-2026"))
    return client


@pytest.mark.parametrize("hostile", STAFF_CASES, ids=repr)
def test_dashboard_product_images_go_through_the_policy(hostile):
    product = ProductFactory(categories=None)
    formset_class = get_class("dashboard.catalogue.formsets", "ProductImageFormSet")
    data = {
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0", "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000", "images-0-display_order": "0", "images-0-caption": "",
        "images-0-product": str(product.pk),
    }
    formset = formset_class(product.product_class, None, instance=product, data=data,
                            files={"images-0-original": _upload(hostile)})
    if hostile.as_photo == "refused":
        assert not formset.is_valid()
        assert formset.forms[0].errors["original"], hostile.key
        assert not ProductImage.objects.filter(product=product).exists()
        return
    assert formset.is_valid(), formset.errors
    formset.save()
    stored = ProductImage.objects.get(product=product).original
    assert stored.name.endswith(".jpg") and Path(hostile.name).stem not in stored.name
    assert Path(stored.path).read_bytes().startswith(b"\xff\xd8\xff")
    assert_no_location_or_camera(Path(stored.path))


@pytest.mark.parametrize("hostile", STAFF_CASES, ids=repr)
def test_page_editor_images_go_through_the_policy(editor, hostile):
    response = editor.post("/cms-admin/images/add/", {"title": "Ảnh đồi chè", "file": _upload(hostile)})
    images = get_image_model().objects.filter(title="Ảnh đồi chè")
    if hostile.as_photo == "refused":
        assert response.status_code == 200 and not images.exists()
        assert 'class="error-message"' in response.content.decode() or "error" in response.content.decode()
        return
    assert response.status_code == 302 and images.count() == 1
    stored = Path(settings.MEDIA_ROOT) / images.get().file.name
    assert stored.read_bytes().startswith(b"\xff\xd8\xff")
    assert_no_location_or_camera(stored)


@pytest.mark.parametrize("hostile", STAFF_CASES, ids=repr)
def test_page_editor_documents_go_through_the_policy(editor, hostile):
    response = editor.post("/cms-admin/documents/add/", {"title": "Giấy chứng nhận", "file": _upload(hostile)})
    documents = get_document_model().objects.filter(title="Giấy chứng nhận")
    if hostile.as_attachment == "refused":
        assert response.status_code == 200 and not documents.exists(), hostile.key
        return
    assert response.status_code == 302 and documents.count() == 1
    stored = Path(settings.MEDIA_ROOT) / documents.get().file.name
    if hostile.as_attachment == "document":
        assert stored.read_bytes().startswith(b"%PDF-") and stored.suffix == ".pdf"
    else:
        assert stored.read_bytes().startswith(b"\xff\xd8\xff")
        assert_no_location_or_camera(stored)


def test_the_refusal_says_why_in_the_editors_language(editor):
    polyglot = next(f for f in STAFF_CASES if f.key == "gif-js-polyglot")
    page = editor.post(
        "/cms-admin/images/add/", {"title": "x", "file": _upload(polyglot)}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Not a supported image format" in page and "JPEG" in page
