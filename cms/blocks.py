"""StreamField blocks staff use to tell the story of a place, a producer or a product.

The product blocks render live data: price, stock and stars are read when the page is
shown, never copied into the page, so a price change shows up at once.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from . import selectors
from .choosers import product_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    author = blocks.CharBlock(label=_("author"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    images = blocks.ListBlock(CaptionedImageBlock(label=_("image")), label=_("images"), min_num=1)

    class Meta:
        icon = "image"
        template = "blocks/gallery.html"


class ProductBlock(blocks.StructBlock):
    """One product with its live price, stock, stars and an add-to-basket button."""

    product = ProductChooserBlock(label=_("product"))

    class Meta:
        icon = "pick"
        template = "blocks/product.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        product = value.get("product")
        context["products"] = selectors.products_chosen(product_ids=[product.pk]) if product else []
        return context


def star_choices():
    return [("3", _("3 stars or more")), ("4", _("4 stars or more")), ("5", _("5 stars"))]


class ProductGridBlock(blocks.StructBlock):
    """Products chosen by hand, or found by category, producer and OCOP stars."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    products = blocks.ListBlock(
        ProductChooserBlock(label=_("product")),
        label=_("hand-picked products"),
        required=False,
        help_text=_("Leave empty to list products by the criteria below."),
    )
    category = blocks.ChoiceBlock(
        label=_("category"), choices=selectors.category_choices, required=False
    )
    producer = blocks.ChoiceBlock(
        label=_("producer"), choices=selectors.producer_choices, required=False
    )
    min_stars = blocks.ChoiceBlock(label=_("OCOP stars"), choices=star_choices, required=False)
    limit = blocks.IntegerBlock(label=_("how many"), default=8, min_value=1, max_value=24)

    class Meta:
        icon = "list-ul"
        template = "blocks/product_grid.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        chosen = [product.pk for product in value.get("products") or [] if product]
        limit = value.get("limit") or 8
        if chosen:
            context["products"] = selectors.products_chosen(product_ids=chosen)[:limit]
        else:
            context["products"] = selectors.products_matching(
                category_id=_int_or_none(value.get("category")),
                producer_id=_int_or_none(value.get("producer")),
                min_stars=_int_or_none(value.get("min_stars")),
                limit=limit,
            )
        return context


def _int_or_none(value) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


class StoryStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = CaptionedImageBlock(label=_("image"))
    gallery = GalleryBlock(label=_("gallery"))
    quote = QuoteBlock(label=_("quote"))
    video = EmbedBlock(label=_("video"), required=False)
    product = ProductBlock(label=_("product"))
    product_grid = ProductGridBlock(label=_("product grid"))
