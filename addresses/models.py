"""A buyer's saved address, with when they agreed to the shop keeping it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractUserAddress


class UserAddress(AbstractUserAddress):
    privacy_consent_at = models.DateTimeField(
        _("agreed to the privacy policy at"), null=True, blank=True, editable=False,
        help_text=_("When the buyer agreed that the shop keeps this address, as the privacy policy says."),
    )

    class Meta(AbstractUserAddress.Meta):
        pass


from oscar.apps.address.models import *  # noqa: E402,F403
