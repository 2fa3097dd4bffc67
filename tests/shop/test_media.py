"""Uploads on local disk are served by the shop itself, in production too, safely typed."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from oscar.core.loading import get_model

ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_a_product_photo_is_served_with_its_type_nosniff_and_a_days_caching(demo_world):
    photo = ProductImage.objects.first()
    response = Client().get(f"/media/{photo.original.name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert "Last-Modified" in response
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_a_file_that_is_not_an_image_or_pdf_is_only_ever_a_download(db):
    default_storage.save("documents/note.html", ContentFile(b"<script>alert(1)</script>"))
    response = Client().get("/media/documents/note.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"


@pytest.mark.parametrize("path", ["incoming/photos/1/raw", "../shop/settings/base.py", "missing.jpg", "images/"])
def test_uploads_waiting_for_the_worker_and_paths_outside_media_are_not_found(db, path):
    default_storage.save("incoming/photos/1/raw", ContentFile(b"\xff\xd8 with GPS"))
    assert Client().get(f"/media/{path}").status_code == 404
