"""Catalogue data in Vietnamese and English (django-modeltranslation): each field below gains
``_vi`` and ``_en`` columns; reading the field gives the visitor's language, else Vietnamese."""

from modeltranslation.translator import TranslationOptions, register
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
AttributeOption = get_model("catalogue", "AttributeOption")
ProductAttribute = get_model("catalogue", "ProductAttribute")


@register(Product)
class ProductTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Category)
class CategoryTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(AttributeOption)
class AttributeOptionTranslationOptions(TranslationOptions):
    fields = ("option",)


@register(ProductAttribute)
class ProductAttributeTranslationOptions(TranslationOptions):
    fields = ("name",)
