"""What the portal keeps beside Oscar's catalogue: OCOP claims awaiting staff and photo upload receipts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OcopClaim(models.Model):
    """A producer's statement of OCOP stars and certificates; public only once staff confirm it.

    The storefront shows ``Product.ocop_stars``, which only ``ocop_claim_confirm`` writes.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for staff")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Not confirmed")

    product = models.OneToOneField(
        "catalogue.Product", verbose_name=_("product"), related_name="ocop_claim", on_delete=models.CASCADE
    )
    stars = models.PositiveSmallIntegerField(_("OCOP stars claimed"), null=True, blank=True)
    certificates = models.TextField(
        _("certificates"),
        blank=True,
        help_text=_("Name, number and issuer of each certificate, one per line."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("OCOP claim")
        verbose_name_plural = _("OCOP claims")

    def __str__(self) -> str:
        return f"{self.product} ({self.get_status_display()})"


class PhotoUpload(models.Model):
    """The receipt of one uploaded photo, keyed by the key the phone sent with it.

    A retry over a weak link sends the same key again and gets the same receipt back. The
    upload is kept as it came (``incoming``) until the task worker has checked and cleaned it;
    then it is a product photo (``image``) or refused with the reason (``error``).
    """

    class Status(models.TextChoices):
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        REJECTED = "rejected", _("Refused")

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), related_name="photo_uploads", on_delete=models.CASCADE
    )
    idempotency_key = models.CharField(_("idempotency key"), max_length=64)
    image = models.OneToOneField(
        "catalogue.ProductImage",
        verbose_name=_("image"),
        related_name="upload",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROCESSING)
    incoming = models.CharField(_("file as uploaded"), max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    error = models.TextField(_("why it was refused"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo upload")
        verbose_name_plural = _("photo uploads")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "idempotency_key"], name="portal_photo_upload_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.idempotency_key
