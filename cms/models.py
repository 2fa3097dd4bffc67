"""Showcase pages: the story of the place and its producers, each leading to something to buy."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from catalogue.selectors import cards_of, featured_products, listable_products, products_of_producer
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
        context["products"] = cards_of(
            lambda: featured_products(product_ids=[item.product_id for item in self.featured.all()], limit=8),
            listing=f"featured:{self.pk}",
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
        context["producer_pages"] = (
            ProducerPage.objects.live()
            .filter(locale_id=self.locale_id, partner__ward_code=self.ward_code)
            .select_related("photo", "partner")
            .order_by("title")
        )
        return context


class ProducerIndexPage(SharedPage):
    """Lists the producers of the commune."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProducerPage"]
    max_count_per_parent = 1

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
    subpage_types = ["cms.ProductStoryPage"]
    PRODUCTS_SHOWN = 24

    class Meta:
        verbose_name = _("producer page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = cards_of(
            products_of_producer(partner_id=self.partner_id)[: self.PRODUCTS_SHOWN],
            listing=f"producer:{self.partner_id}",
        )
        context["product_stories"] = (
            ProductStoryPage.objects.child_of(self).live().select_related("hero_image")
        )
        return context


class StandardPage(SharedPage):
    """A plain page: shipping, returns, privacy, about."""

    body = StreamField(StoryStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class ProductStoryPage(SharedPage):
    """The long story of one product: where it grows, how it is made, why it tastes as it does."""

    product = models.ForeignKey(
        "catalogue.Product",
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="story_pages",
    )
    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("story"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("product"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.ProducerPage", "cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("product story page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        product = listable_products().filter(pk=self.product_id).first()
        context["product"] = product
        context["more_products"] = (
            products_of_producer(partner_id=product.producer_id).exclude(pk=product.pk)[:4]
            if product and product.producer_id
            else []
        )
        return context


class StoryIndexPage(SharedPage):
    """News and the public harvest diary, newest first, filterable by tag."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index page")

    def stories(self, *, tag: str = ""):
        stories = (
            StoryPage.objects.child_of(self)
            .live()
            .select_related("image")
            .prefetch_related("tags")
            .order_by("-date", "-id")
        )
        if tag:
            stories = stories.filter(tags__slug=tag[:100])
        return stories

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "").strip()
        context["tag"] = tag
        context["stories"] = Paginator(self.stories(tag=tag), 12).get_page(request.GET.get("page"))
        return context


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.StoryPage", related_name="tagged_items", on_delete=models.CASCADE)


class StoryPage(SharedPage):
    """One story: a piece of news or a day of the harvest diary."""

    date = models.DateField(_("date"))
    intro = models.CharField(_("introduction"), max_length=255, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    producer = models.ForeignKey(
        "partner.Partner",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        help_text=_("The producer this story is about, if any: their products are listed below it."),
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("story"), blank=True)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("producer"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["products"] = (
            products_of_producer(partner_id=self.producer_id)[:4] if self.producer_id else []
        )
        return context


class ContactFormField(AbstractFormField):
    page = ParentalKey("cms.ContactPage", related_name="form_fields", on_delete=models.CASCADE)


class ContactPage(AbstractEmailForm):
    """A form for customers' questions: each submission is stored and e-mailed to the shop."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=["bold", "italic", "link"])

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail"),
        ),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    def process_form_submission(self, form):
        """Store the submission now; e-mail it only once the request's transaction has committed."""
        submission = AbstractForm.process_form_submission(self, form)
        if self.to_address:
            transaction.on_commit(lambda: self.send_mail(form))
        return submission


@register_setting(icon="site")
class SellerIdentity(BaseGenericSetting):
    """Who sells here, as online-shop rules ask every page to show: the operator's legal identity,
    its contacts, and the policy pages on shipping, returns, payment and personal data."""

    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    registration_number = models.CharField(_("business registration number"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    hotline = models.CharField(_("hotline"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    zalo = models.CharField(_("Zalo"), max_length=20, blank=True)
    zalo_oa_id = models.CharField(
        _("Zalo Official Account id"), max_length=32, blank=True,
        help_text=_("The shop's OA (zalo.me/<id>): buyers chat with it, and Zalo's share button needs it."),
    )
    shipping_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("shipping policy"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    returns_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("returns policy"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    payment_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("payment policy"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("privacy policy"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("legal_name"), FieldPanel("registration_number"), FieldPanel("address")],
            heading=_("Operator"),
        ),
        MultiFieldPanel([FieldPanel("hotline"), FieldPanel("email"), FieldPanel("zalo"),
                          FieldPanel("zalo_oa_id")], heading=_("Contacts")),
        MultiFieldPanel(
            [FieldPanel("shipping_page"), FieldPanel("returns_page"), FieldPanel("payment_page"),
             FieldPanel("privacy_page")],
            heading=_("Policy pages (Vietnamese; the English translation is linked on English pages)"),
        ),
    ]

    class Meta:
        verbose_name = _("seller identity and policies")

    def policy_links(self) -> list[tuple[str, Page]]:
        """(label, live page in the visitor's language, else the page set) for each policy page,
        in the footer's order; one query."""
        chosen = [
            (_("Shipping"), self.shipping_page_id), (_("Returns"), self.returns_page_id),
            (_("Payment"), self.payment_page_id), (_("Privacy"), self.privacy_page_id),
        ]
        ids = [pk for label, pk in chosen if pk]
        if not ids:
            return []
        language = translation.get_language() or settings.LANGUAGE_CODE
        keys = Page.objects.filter(pk__in=ids).values("translation_key")
        found = Page.objects.live().filter(translation_key__in=keys).select_related("locale")
        by_key, by_id = {}, {}
        for page in found:
            by_id[page.pk] = page
            if page.locale.language_code == language:
                by_key[page.translation_key] = page
        links = []
        for label, pk in chosen:
            page = by_id.get(pk)
            if page is not None:
                links.append((label, by_key.get(page.translation_key, page)))
        return links
