"""A producer's own words in Vietnamese and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("tagline",)
