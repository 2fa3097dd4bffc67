"""Forms of the co-op screens: order filters, bulk status changes, shipping a parcel, report periods."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fulfilment.models import Carrier
from fulfilment.services import BULK_TARGETS, target_status
from orders.statuses import OrderStatus, pipeline

from .reports import Period

WORK_CHOICES = [
    ("", _("All orders")),
    ("to-pack", _("To pack")),
    ("to-ship", _("To ship")),
    ("late", _("Late")),
]


class OrderFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Order number, customer, phone or product")}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *OrderStatus.choices]
    )
    work = forms.ChoiceField(label=_("Work"), required=False, choices=WORK_CHOICES)
    placed_from = forms.DateField(
        label=_("Placed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    placed_to = forms.DateField(
        label=_("Placed to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class StatusForm(forms.Form):
    to = forms.ChoiceField(
        label=_("Set status"),
        choices=[(status, OrderStatus(status).label) for status in BULK_TARGETS],
    )

    @classmethod
    def for_order(cls, order) -> "StatusForm | None":
        """The form offering only the moves the pipeline allows from the order's status; None if none."""
        moves = pipeline().get(order.status, ())
        allowed = [status for status in BULK_TARGETS if target_status(order=order, to=status) in moves]
        if not allowed:
            return None
        form = cls()
        form.fields["to"].choices = [(status, cls.label_for(order, status)) for status in allowed]
        return form


    @staticmethod
    def label_for(order, status: str) -> str:
        if target_status(order=order, to=status) == OrderStatus.REFUND_PENDING:
            return _("Cancel and refund the payment")
        return OrderStatus(status).label


class BulkStatusForm(StatusForm):
    """One status for the orders ticked in the list; only the co-op's own orders are accepted."""

    max_orders = 200

    def __init__(self, *args, orders, **kwargs):
        super().__init__(*args, **kwargs)
        self.coop_orders = orders

    def clean(self):
        cleaned = super().clean()
        numbers = sorted(set(self.data.getlist("orders"))) if hasattr(self.data, "getlist") else []
        if not numbers:
            raise forms.ValidationError(_("Tick at least one order."))
        if len(numbers) > self.max_orders:
            raise forms.ValidationError(
                _("Tick at most %(count)d orders at once.") % {"count": self.max_orders}
            )
        orders = list(self.coop_orders.filter(number__in=numbers).order_by("number"))
        if len(orders) != len(numbers):
            raise forms.ValidationError(_("Some of the ticked orders do not exist."))
        cleaned["orders"] = orders
        return cleaned


class ShipParcelForm(forms.Form):
    carrier = forms.ChoiceField(label=_("Carrier"), choices=Carrier.choices)
    carrier_name = forms.CharField(label=_("Carrier name (other)"), required=False, max_length=80)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=64)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("carrier") == Carrier.OTHER and not cleaned.get("carrier_name", "").strip():
            self.add_error("carrier_name", _("Enter the name of the carrier."))
        return cleaned


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start of the period is after its end."))
        if start and end and (end - start).days > 366 * 3:
            raise forms.ValidationError(_("Choose a period of at most three years."))
        return cleaned

    def period_or(self, default_start: date, default_end: date | None = None) -> Period:
        """The chosen period, or the default one when the form is empty or wrong."""
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or default_end or timezone.localdate()
        start = data.get("start") or default_start
        return Period(start=min(start, end), end=end)
