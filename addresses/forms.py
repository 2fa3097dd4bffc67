"""The account's address form: a Vietnamese address asked as the checkout asks it, and the buyer's
agreement to the shop keeping it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.forms import UserAddressForm as OscarUserAddressForm

from .vietnamese import ADDRESS_FIELD_ORDER, VietnameseAddressMixin


class UserAddressForm(VietnameseAddressMixin, OscarUserAddressForm):
    accepts_privacy = forms.BooleanField(
        label=_("I agree that the shop keeps this address and phone number in my account to deliver "
                "my orders, as the privacy policy says; I can delete it at any time."),
        error_messages={"required": _("Please agree to the privacy policy so that we can keep this address.")},
    )

    field_order = [*ADDRESS_FIELD_ORDER, "accepts_privacy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.privacy_consent_at:
            self.fields["accepts_privacy"].initial = True

    def save(self, commit=True):
        """Record when the buyer agreed: the consent is kept with the address it covers."""
        self.instance.privacy_consent_at = timezone.now()
        return super().save(commit=commit)
