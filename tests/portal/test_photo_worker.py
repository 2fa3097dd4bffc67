"""Photos are cleaned by the task worker: the producer sees "processing…", then the photo or the reason."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from catalogue.photos import stored_photo_files
from portal.models import PhotoUpload
from tests.portal import images
from tests.portal.conftest import upload
from tests.processes import production_env, run_worker_batch

pytestmark = pytest.mark.django_db(transaction=True)
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def _post(client, product, data: bytes, name: str):
    url = reverse("portal:photo-upload", kwargs={"pk": product.pk})
    return client.post(url, {"photo": upload(data, name), "idempotency_key": name}, **XHR)


def _photos_page(client, product) -> str:
    return client.get(reverse("portal:photos", kwargs={"pk": product.pk})).content.decode()


def test_an_upload_is_processing_until_the_worker_has_cleaned_it_then_it_is_a_photo(
    client_a, producer_a, database_tasks
):
    product = producer_a["product"]
    photos_before = product.images.count()

    response = _post(client_a, product, images.rotated_jpeg_with_gps(), "doi-che.jpg")

    assert response.status_code == 202 and response.json()["status"] == "processing"
    page = _photos_page(client_a, product)
    assert "data-processing" in page and 'http-equiv="refresh"' in page
    assert product.images.count() == photos_before
    receipt = PhotoUpload.objects.get(idempotency_key="doi-che.jpg")
    incoming = receipt.incoming
    assert default_storage.exists(incoming)

    run_worker_batch(production_env())

    receipt.refresh_from_db()
    assert receipt.status == "ready" and receipt.image is not None
    assert not default_storage.exists(incoming), "the file as uploaded (with its metadata) is kept"
    assert all(default_storage.exists(name) for name in stored_photo_files(receipt.image.original.name))
    page = _photos_page(client_a, product)
    assert "data-processing" not in page and 'http-equiv="refresh"' not in page
    assert f'data-photo="{receipt.image.pk}"' in page


def test_a_file_that_is_no_photo_is_refused_on_the_page_once_the_worker_looked_at_it(
    client_a, producer_a, database_tasks
):
    product = producer_a["product"]
    assert _post(client_a, product, images.PDF_DOCUMENT, "scan.jpg").status_code == 202

    run_worker_batch(production_env())

    receipt = PhotoUpload.objects.get(idempotency_key="scan.jpg")
    assert receipt.status == "rejected" and receipt.image is None
    page = _photos_page(client_a, product)
    assert "data-refused" in page and "PDF" in page
    assert 'http-equiv="refresh"' not in page
