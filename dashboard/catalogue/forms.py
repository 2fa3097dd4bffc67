"""The dashboard's product image form sends staff photos through the shop's one upload policy.

Oscar stores a staff upload as sent: a GIF/JS polyglot, a photo with its GPS position. Here the
file goes through ``shop.uploads`` like a producer's: its type read from its content, size and
pixel limits, re-encoded upright without any metadata, stored under a random name.
"""

from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403  (Oscar's way to fork a forms module)
from oscar.apps.dashboard.catalogue.forms import ProductImageForm as OscarProductImageForm

from shop.uploads import photo_form_file


class ProductImageForm(OscarProductImageForm):
    def clean_original(self):
        original = self.cleaned_data.get("original")
        if original and original is not getattr(self.instance, "original", None) and "original" in self.changed_data:
            return photo_form_file(original, folder="images/products")
        return original
