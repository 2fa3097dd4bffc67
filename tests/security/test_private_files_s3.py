"""Diary attachments in a private bucket: stored with the private ACL, reached only through the view.

Every web machine must find a draft a producer attached on another one, so with
``AWS_PRIVATE_BUCKET_NAME`` the private storage is an S3 bucket (moto's S3 API on localhost).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from shop.private_files import private_storage
from tests.portal import images
from traceability import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_bucket(settings, new_bucket, s3_url):
    s3, name = new_bucket("ocop-private")
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "shop.private_files.PrivateObjectStorage",
            "OPTIONS": {"bucket_name": name, "endpoint_url": s3_url},
        },
    }
    return s3, name


def test_a_draft_photo_and_document_are_private_objects_served_only_to_the_diary_keepers(market, private_bucket):
    s3, bucket = private_bucket
    event = market["lot"].events.order_by("id").last()
    photo = services.attach_file(event=event, upload=SimpleUploadedFile("IMG_7.JPG", images.rotated_jpeg_with_gps()))
    document = services.attach_file(event=event, upload=SimpleUploadedFile("kq.pdf", images.PDF_DOCUMENT))

    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert {photo.file.name, document.file.name} <= keys
    for key in keys:
        grants = s3.get_object_acl(Bucket=bucket, Key=key)["Grants"]
        assert not any(grant["Grantee"].get("URI", "").endswith("/AllUsers") for grant in grants), key
    with pytest.raises(ValueError):
        private_storage().url(document.file.name)

    assert Client().get(f"/trace/files/{document.pk}/").status_code == 404
    keeper = Client()
    keeper.force_login(market["owner"])
    served = keeper.get(f"/trace/files/{document.pk}/")
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == images.PDF_DOCUMENT
    rendition = keeper.get(f"/trace/files/{photo.pk}/640.jpeg")
    assert rendition.status_code == 200 and rendition["Content-Type"] == "image/jpeg"
    assert b"".join(rendition.streaming_content)[:3] == b"\xff\xd8\xff"


def test_a_published_file_is_public_through_the_view_and_its_object_still_private(market, private_bucket):
    s3, bucket = private_bucket
    event = market["lot"].events.order_by("id").last()
    document = services.attach_file(event=event, upload=SimpleUploadedFile("kq.pdf", images.PDF_DOCUMENT))
    services.publish_lot(lot=market["lot"])
    assert Client().get(f"/trace/files/{document.pk}/").status_code == 200
    grants = s3.get_object_acl(Bucket=bucket, Key=document.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
