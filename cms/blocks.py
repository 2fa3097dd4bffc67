"""StreamField blocks staff use to tell the story of a place, a producer or a product."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


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


class StoryStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = CaptionedImageBlock(label=_("image"))
    quote = QuoteBlock(label=_("quote"))
    video = EmbedBlock(label=_("video"), required=False)
