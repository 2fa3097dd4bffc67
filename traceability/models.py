"""Where the products come from: growing areas and apiaries with their official codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GrowingArea(models.Model):
    """A tea raw-material area or an apiary, as registered with the authorities.

    Its location is the area's centre, never a household's exact position.
    """

    class Kind(models.TextChoices):
        TEA_AREA = "tea_area", _("Tea growing area")
        APIARY = "apiary", _("Apiary")

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    code = models.CharField(
        _("official code"),
        max_length=64,
        blank=True,
        help_text=_("Growing-area code (mã số vùng trồng) exactly as issued."),
    )
    code_issuer = models.CharField(_("code issued by"), max_length=160, blank=True)
    code_issued_on = models.DateField(_("code issued on"), null=True, blank=True)
    ward_code = models.PositiveIntegerField(_("commune / ward code"), null=True, blank=True)
    crop = models.CharField(_("crop"), max_length=120, blank=True)
    area_hectares = models.DecimalField(
        _("area (ha)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    coop = models.ForeignKey(
        "coops.Coop",
        verbose_name=_("co-operative"),
        related_name="growing_areas",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("growing area")
        verbose_name_plural = _("growing areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="growing_area_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name
