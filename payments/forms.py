"""Staff forms: match a bank transfer to an order, refund a card payment."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _


class MatchTransferForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=32)


class RefundForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount to refund (₫)"), min_value=1)
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)

    def __init__(self, *args, refundable: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].max_value = refundable
        self.fields["amount"].validators.append(MaxValueValidator(refundable))
        self.fields["amount"].initial = refundable
