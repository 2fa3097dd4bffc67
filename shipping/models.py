"""Weight-based shipping methods that also know where they deliver and when they become free.

A method with no provinces serves the whole country (or, when international, every other
country); staff edit methods and their weight bands in Oscar's shipping dashboard.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.abstract_models import AbstractWeightBased


class WeightBased(AbstractWeightBased):
    international = models.BooleanField(
        _("international"), default=False, help_text=_("Ships to addresses outside Vietnam.")
    )
    province_codes = models.CharField(
        _("province codes"),
        max_length=255,
        blank=True,
        help_text=_("Comma-separated official province codes this rate serves; empty = all provinces."),
    )
    free_shipping_threshold = models.DecimalField(
        _("free shipping from (₫)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Orders worth at least this much (before shipping) ship free."),
    )

    def serves_province(self, province_code: int | None) -> bool:
        codes = {int(code) for code in self.province_codes.replace(" ", "").split(",") if code}
        return not codes or province_code in codes

    def calculate(self, basket):
        threshold = self.free_shipping_threshold
        if threshold is not None and basket.total_incl_tax >= threshold:
            from oscar.core import prices

            return prices.Price(currency=basket.currency, excl_tax=Decimal("0"), incl_tax=Decimal("0"))
        return super().calculate(basket)


from oscar.apps.shipping.models import *  # noqa: E402,F403
