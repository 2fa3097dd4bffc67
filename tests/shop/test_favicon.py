"""/favicon.ico answers with the shop's icon, as browsers and link previews ask for it."""

from django.contrib.staticfiles import finders
from PIL import Image


def test_favicon_ico_points_at_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".ico")
    with Image.open(finders.find("img/favicon.ico")) as icon:
        assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]
