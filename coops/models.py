"""Co-operatives (hợp tác xã) and co-op groups that bring producers together to sell."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Coop(models.Model):
    class Kind(models.TextChoices):
        COOPERATIVE = "cooperative", _("Co-operative (hợp tác xã)")
        GROUP = "group", _("Co-op group (tổ hợp tác)")

    name = models.CharField(_("name"), max_length=160, unique=True)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COOPERATIVE)
    ward_code = models.PositiveIntegerField(_("commune / ward code"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    zalo_oa_id = models.CharField(
        _("Zalo Official Account id"), max_length=32, blank=True,
        help_text=_("The number in the OA's address zalo.me/<id>; buyers chat with the co-op there."),
    )
    zalo_phone = models.CharField(
        _("Zalo phone"), max_length=10, blank=True,
        help_text=_("The mobile number the co-op uses on Zalo (new paid orders are sent there)."),
    )
    fee_percent = models.DecimalField(
        _("co-op fee (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("5.00"),
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_("Share of each sale the co-op keeps before paying its members."),
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("users"), related_name="coops", blank=True
    )

    class Meta:
        verbose_name = _("co-operative")
        verbose_name_plural = _("co-operatives")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AssistedEntry(models.Model):
    """Something a co-op user entered in the portal or the diary for a member producer.

    Older producers bring a paper notebook to the co-op office; the clerk enters it for them.
    Each such record says who entered it (``entered_by``), for whom (``producer``) and through
    which co-op, so the producer can see it and object, and the trace page can say so.
    """

    class Kind(models.TextChoices):
        PRODUCT_LISTED = "product_listed", _("Product listed")
        PRODUCT_CHANGED = "product_changed", _("Product changed")
        PRODUCT_PUBLISHED = "product_published", _("Product published or hidden")
        PRODUCTS_IMPORTED = "products_imported", _("Products imported")
        STOCK_CHANGED = "stock_changed", _("Stock changed")
        PHOTO_ADDED = "photo_added", _("Photo added")
        PHOTO_REMOVED = "photo_removed", _("Photo removed")
        DIARY_EVENT = "diary_event", _("Diary entry")

    coop = models.ForeignKey(
        Coop, verbose_name=_("co-operative"), related_name="assisted_entries", on_delete=models.PROTECT
    )
    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("entered for"), related_name="assisted_entries",
        on_delete=models.CASCADE,
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), related_name="+",
        on_delete=models.SET_NULL, null=True,
    )
    kind = models.CharField(_("what"), max_length=24, choices=Kind.choices)
    summary = models.CharField(_("summary"), max_length=240, blank=True)
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), related_name="assisted_entries",
        on_delete=models.SET_NULL, null=True, blank=True,
    )
    diary_event = models.OneToOneField(
        "traceability.DiaryEvent", verbose_name=_("diary entry"), related_name="assisted_entry",
        on_delete=models.SET_NULL, null=True, blank=True,
    )
    photo_upload = models.OneToOneField(
        "portal.PhotoUpload", verbose_name=_("photo"), related_name="assisted_entry",
        on_delete=models.SET_NULL, null=True, blank=True,
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    objected_at = models.DateTimeField(_("objected at"), null=True, blank=True)
    objection = models.TextField(_("the producer's objection"), blank=True)
    correction = models.ForeignKey(
        "traceability.DiaryEvent", verbose_name=_("correction"), related_name="+",
        on_delete=models.SET_NULL, null=True, blank=True,
    )

    class Meta:
        verbose_name = _("entry by the co-op")
        verbose_name_plural = _("entries by the co-op")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.producer} ({self.coop})"
