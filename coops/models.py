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
