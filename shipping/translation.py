"""Shipping method names in Vietnamese and English (django-modeltranslation): the basket and
checkout name the method in the visitor's language, else in Vietnamese."""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

WeightBased = get_model("shipping", "WeightBased")


@register(WeightBased)
class WeightBasedTranslationOptions(TranslationOptions):
    fields = ("name",)
