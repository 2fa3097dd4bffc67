"""Producers: the households and enterprises who sell here, each an Oscar partner.

Stock and price are kept per producer (Oscar's stock records); a producer may belong
to a co-operative, which then sees the orders for its products.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord
from vietnam_provinces import Ward

vietnamese_mobile = RegexValidator(
    r"^0[35789]\d{8}$", _("Enter a 10-digit Vietnamese mobile number, e.g. 0912345678.")
)


class Partner(AbstractPartner):
    class Kind(models.TextChoices):
        HOUSEHOLD = "household", _("Household")
        ENTERPRISE = "enterprise", _("Enterprise")
        COOP = "coop", _("Co-operative")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.HOUSEHOLD)
    coop = models.ForeignKey(
        "coops.Coop",
        verbose_name=_("co-operative"),
        related_name="members",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    ward_code = models.PositiveIntegerField(
        _("commune / ward code"),
        null=True,
        blank=True,
        help_text=_("Official code of the commune or ward (2025 two-level system)."),
    )
    village = models.CharField(_("village"), max_length=128, blank=True)
    phone = models.CharField(_("phone"), max_length=10, blank=True, validators=[vietnamese_mobile])
    zalo = models.CharField(_("Zalo"), max_length=10, blank=True, validators=[vietnamese_mobile])
    zalo_oa_id = models.CharField(
        _("Zalo Official Account id"), max_length=32, blank=True,
        help_text=_("The number in the OA's address zalo.me/<id>, for producers with their own OA."),
    )
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)

    @property
    def ward(self) -> Ward | None:
        """The commune or ward, looked up in the national list; None when unset or unknown."""
        try:
            return Ward.from_code(self.ward_code) if self.ward_code else None
        except ValueError:
            return None


class InsufficientStock(Exception):
    """Raised when an allocation would promise more units than the producer has."""


class StockRecord(AbstractStockRecord):
    def allocate(self, quantity):
        """Allocate only while enough unallocated units remain, in one conditional UPDATE.

        Oscar checks availability before the order transaction without a lock, so two buyers
        can both pass that check for the last jar; here the database decides. Raises
        InsufficientStock, so the order transaction around it rolls back.
        """
        if not self.can_track_allocations:
            return
        self.pre_save_signal()
        allocated = Coalesce(F("num_allocated"), 0)
        updated = type(self).objects.filter(
            pk=self.pk, num_in_stock__gte=allocated + quantity
        ).update(num_allocated=allocated + quantity)
        if not updated:
            raise InsufficientStock(self.pk)
        self.refresh_from_db(fields=["num_allocated"])
        self.post_save_signal()

    allocate.alters_data = True


from oscar.apps.partner.models import *  # noqa: E402,F403
