"""Certificate wording in Vietnamese and English (django-modeltranslation).

Who issued a certificate and what it covers are a reading aid outside the lot's hash (the
header covers only kind and number), so an English text added later changes no record.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Certificate


@register(Certificate)
class CertificateTranslationOptions(TranslationOptions):
    fields = ("issuer", "scope")
