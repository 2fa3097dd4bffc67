"""Photos from phones through the portal's upload: accepted upright without metadata, or refused clearly."""

from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from catalogue.photos import (
    MAX_UPLOAD_BYTES,
    RENDITION_WIDTHS,
    PhotoRejected,
    prepare_photo,
    stored_photo_files,
)
from catalogue.thumbnails import make_rendition
from tests.portal import images
from tests.portal.conftest import upload

pytestmark = pytest.mark.django_db
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def _post(client, product, data: bytes, name: str, content_type: str = "image/jpeg", key: str = ""):
    url = reverse("portal:photo-upload", kwargs={"pk": product.pk})
    return client.post(url, {"photo": upload(data, name, content_type), "idempotency_key": key}, **XHR)


def _stored_files(image) -> list[bytes]:
    names = stored_photo_files(image.original.name)
    assert all(default_storage.exists(n) for n in names)
    return [default_storage.open(n).read() for n in names]


def _assert_clean(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    assert not image.getexif(), "EXIF survived"
    assert not image.getexif().get_ifd(0x8825), "GPS survived"
    assert "exif" not in image.info and "icc_profile" not in image.info and "xmp" not in image.info
    assert b"Exif\x00\x00" not in data and b"iPhone" not in data and b"Apple" not in data
    return image


def test_rotated_jpeg_with_gps_is_stored_upright_and_without_metadata(client_a, producer_a):
    product = producer_a["product"]
    original = images.rotated_jpeg_with_gps()
    assert Image.open(BytesIO(original)).getexif().get_ifd(0x8825), "the test file must carry GPS"
    response = _post(client_a, product, original, "IMG_0001.JPG")
    assert response.status_code == 201, response.content
    image = product.images.get(pk=response.json()["id"])
    files = _stored_files(image)
    assert len(files) == 1 + len(RENDITION_WIDTHS) * 2
    # The storefront's own thumbnails (product cards ask for 400x400) are cut from the clean original.
    card = make_rendition(image.original.name, 400, 400)
    files.append(default_storage.open(card.name).read())
    for data in files:
        picture = _assert_clean(data).convert("RGB")
        width, height = picture.size
        assert height > width, "stored sideways"
        top, bottom = (
            picture.getpixel((width // 2, height // 5)),
            picture.getpixel((width // 2, 4 * height // 5)),
        )
        assert top[0] > 150 and top[2] < 90, f"top should be red, is {top}"
        assert bottom[2] > 150 and bottom[0] < 90, f"bottom should be blue, is {bottom}"


def test_renditions_come_in_webp_and_jpeg(client_a, producer_a):
    response = _post(client_a, producer_a["product"], images.rotated_jpeg_with_gps((1200, 1600)), "big.jpg")
    image = producer_a["product"].images.get(pk=response.json()["id"])
    formats = {Image.open(BytesIO(d)).format for d in _stored_files(image)[1:]}
    assert formats == {"WEBP", "JPEG"}
    widths = sorted(Image.open(BytesIO(d)).width for d in _stored_files(image)[1:])
    assert widths == sorted([w for w in RENDITION_WIDTHS for _ in range(2)])


def test_iphone_heic_is_accepted_as_a_clean_jpeg(client_a, producer_a):
    response = _post(client_a, producer_a["product"], images.iphone_heic(), "IMG_4032.HEIC", "image/heic")
    assert response.status_code == 201, response.content
    image = producer_a["product"].images.get(pk=response.json()["id"])
    stored = _stored_files(image)[0]
    assert Image.open(BytesIO(stored)).format == "JPEG"
    assert image.original.name.endswith(".jpg")
    _assert_clean(stored)


@pytest.mark.parametrize(
    ("make", "name", "content_type", "message"),
    [
        (images.truncated_jpeg, "cut.jpg", "image/jpeg", "incomplete or damaged"),
        (images.png_bomb, "huge.png", "image/png", "too large in pixels"),
        (lambda: images.SVG_WITH_SCRIPT, "logo.svg", "image/svg+xml", "SVG drawings are not accepted"),
        (lambda: images.PDF_DOCUMENT, "scan.jpg", "image/jpeg", "PDF document, not a photo"),
        (lambda: b"just some text, named like a photo", "note.jpg", "image/jpeg", "not a photo"),
    ],
    ids=["truncated-jpeg", "png-bomb-20000x20000", "svg-with-script", "pdf-renamed-jpg", "text-as-jpg"],
)
def test_bad_files_are_refused_with_a_clear_message(client_a, producer_a, make, name, content_type, message):
    product = producer_a["product"]
    before = product.images.count()
    response = _post(client_a, product, make(), name, content_type)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert product.images.count() == before


def test_an_oversized_upload_is_refused_before_its_body_is_read(client_a, producer_a):
    product = producer_a["product"]
    oversized = b"\xff\xd8\xff" + b"\x00" * (16 * 1024 * 1024)
    response = _post(client_a, product, oversized, "huge.jpg")
    assert response.status_code == 413
    assert "larger than 15 MB" in response.json()["error"]
    assert product.images.count() == 1


def test_the_pipeline_itself_refuses_a_file_over_the_limit():
    with pytest.raises(PhotoRejected, match="larger than 15 MB"):
        prepare_photo(BytesIO(b"\xff\xd8\xff" + b"\x00" * MAX_UPLOAD_BYTES))


def test_a_refused_file_without_script_comes_back_as_a_message_on_the_page(client_a, producer_a):
    product = producer_a["product"]
    url = reverse("portal:photo-upload", kwargs={"pk": product.pk})
    response = client_a.post(url, {"photo": upload(images.PDF_DOCUMENT, "scan.jpg")}, follow=True)
    assert "PDF document, not a photo" in response.content.decode()


def test_a_retry_with_the_same_key_does_not_duplicate_the_photo(client_a, producer_a):
    product = producer_a["product"]
    before = product.images.count()
    data = images.rotated_jpeg_with_gps()
    first = _post(client_a, product, data, "a.jpg", key="phone-key-1")
    again = _post(client_a, product, data, "a.jpg", key="phone-key-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert product.images.count() == before + 1


def test_photos_reorder_and_the_first_is_primary(client_a, producer_a):
    product = producer_a["product"]
    second = _post(client_a, product, images.rotated_jpeg_with_gps(), "b.jpg").json()["id"]
    assert product.primary_image().pk == producer_a["photo"].pk
    client_a.post(reverse("portal:photo-primary", kwargs={"pk": product.pk, "photo_pk": second}))
    assert product.primary_image().pk == second
    client_a.post(
        reverse("portal:photo-move", kwargs={"pk": product.pk, "photo_pk": second}), {"direction": "down"}
    )
    assert product.primary_image().pk == producer_a["photo"].pk
    assert list(product.images.values_list("display_order", flat=True)) == [0, 1]


def test_deleting_a_photo_removes_its_files(client_a, producer_a, django_capture_on_commit_callbacks):
    product, photo = producer_a["product"], producer_a["photo"]
    names = stored_photo_files(photo.original.name)
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(reverse("portal:photo-delete", kwargs={"pk": product.pk, "photo_pk": photo.pk}))
    assert not product.images.exists()
    assert not any(default_storage.exists(n) for n in names)
