"""Photos on S3-compatible storage: uploaded through the portal, renditions in the bucket, shown on the page.

The S3 API is moto's server mode on localhost (the ``s3_url`` fixture).
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from catalogue.photos import stored_photo_files
from portal import services
from tests.portal import images
from tests.portal.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(settings, new_bucket, s3_url):
    s3, name = new_bucket("ocop-media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": name, "endpoint_url": s3_url, "querystring_auth": False},
        },
    }
    return s3, name


def test_a_portal_photo_lands_in_the_bucket_with_its_renditions_and_shows_on_the_product_page(
    client_a, producer_a, bucket, s3_url, django_capture_on_commit_callbacks
):
    s3, name = bucket
    product = producer_a["product"]
    product.is_public = True
    product.save()
    url = reverse("portal:photo-upload", kwargs={"pk": product.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            url, {"photo": upload(images.rotated_jpeg_with_gps(), "doi-che.jpg"), "idempotency_key": "s3"},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
    assert response.status_code == 201
    photo = product.images.get(pk=response.json()["id"])
    services.photo_make_primary(photo=photo)

    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=name)["Contents"]}
    assert set(stored_photo_files(photo.original.name)) <= keys
    assert not any(key.startswith("incoming/") for key in keys)

    page = Client().get(product.get_absolute_url()).content.decode()
    stem = photo.original.name.rsplit("/", 1)[1].rsplit(".", 1)[0]
    shown = re.findall(rf'src="({re.escape(s3_url)}/{name}/[^"]*{stem}[^"]*)"', page)
    assert shown, "the product page shows no rendition from the bucket"
    served = s3.get_object(Bucket=name, Key=shown[0].removeprefix(f"{s3_url}/{name}/"))
    assert served["ContentType"].startswith("image/") and served["ContentLength"] > 0
