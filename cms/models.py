"""Showcase pages: the story of the place and its producers, each leading to something to buy."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from catalogue.selectors import featured_products, products_of_producer
from shop.page_cache import cache_for_everyone

from .blocks import StoryStreamBlock


class SharedPage(Page):
    """A page that reads the same for every anonymous visitor, so it may be cached whole."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return cache_for_everyone(super().serve(request, *args, **kwargs))


class HomePage(SharedPage):
    """The front door: a welcome, the products in season and the way to the shop."""

    hero_title = models.CharField(_("hero title"), max_length=160, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        InlinePanel("featured", label=_("Featured products")),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = featured_products(
            product_ids=[item.product_id for item in self.featured.all()], limit=8
        )
        return context


class HomePageFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, related_name="featured", on_delete=models.CASCADE)
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("product")]


class RegionPage(SharedPage):
    """A commune and its growing areas: the place the tea and honey come from."""

    ward_code = models.PositiveIntegerField(
        _("commune / ward code"), help_text=_("Official code of the commune (2025 system).")
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    body = StreamField(StoryStreamBlock(), verbose_name=_("story"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("ward_code"),
        FieldPanel("intro"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("region page")

    def get_context(self, request, *args, **kwargs):
        from traceability.models import GrowingArea

        context = super().get_context(request, *args, **kwargs)
        context["growing_areas"] = GrowingArea.objects.filter(ward_code=self.ward_code)
        return context


class ProducerIndexPage(SharedPage):
    """Lists the producers of the commune."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProducerPage"]

    class Meta:
        verbose_name = _("producer index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producer_pages"] = (
            ProducerPage.objects.child_of(self).live().select_related("partner", "photo")
        )
        return context


class ProducerPage(SharedPage):
    """A producer's public profile: who they are, where they farm, and what they sell."""

    partner = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("producer"),
        on_delete=models.PROTECT,
        related_name="story_pages",
    )
    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("story"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("partner"),
        FieldPanel("intro"),
        FieldPanel("photo"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.ProducerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("producer page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = products_of_producer(partner_id=self.partner_id)
        return context


class StandardPage(SharedPage):
    """A plain page: shipping, returns, privacy, about."""

    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
