"""The page editor's image and document uploads go through the shop's one upload policy.

Wagtail keeps an editor's file as sent (a photo with its GPS position, any PDF). Its form
bases are replaced (``WAGTAILIMAGES_IMAGE_FORM_BASE``, ``WAGTAILDOCS_DOCUMENT_FORM_BASE``) so
that an image is re-encoded by ``shop.uploads`` (type from content, size and pixel limits,
upright, no metadata) and a document is a checked PDF or such a photo, each under a random
name. Wagtail's own checks (allowed extensions, the file's format) run first.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from shop.uploads import document_form_file, photo_form_file


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing a file it cannot decode (a cut-off JPEG) instead of failing."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except OSError as error:
            raise ValidationError(
                _("The photo is damaged or incomplete. Please send it again."), code="photo_refused"
            ) from error


class PolicyImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("file"), WagtailImageField):
            self.fields["file"].__class__ = CheckedImageField

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            return photo_form_file(upload, folder="original_images")
        return upload


class PolicyDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            return document_form_file(upload, folder="documents")
        return upload
