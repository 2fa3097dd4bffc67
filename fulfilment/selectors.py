"""Reads of fulfilment: an order's timeline and parcels as the customer sees them."""

from dataclasses import dataclass

from .models import FulfilmentGroup


@dataclass(frozen=True)
class OrderTracking:
    """What the customer's tracking page shows: every status change and every parcel."""

    timeline: list
    parcels: list[FulfilmentGroup]

    @property
    def tracking_numbers(self) -> list[str]:
        return [parcel.tracking_number for parcel in self.parcels if parcel.tracking_number]


def order_tracking(*, order) -> OrderTracking:
    """The timeline (Oscar's status changes) and parcels of ``order`` in two queries."""
    timeline = list(order.status_changes.order_by("date_created", "pk"))
    parcels = list(FulfilmentGroup.objects.filter(order=order).select_related("producer"))
    return OrderTracking(timeline=timeline, parcels=parcels)
