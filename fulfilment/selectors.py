"""Reads of fulfilment: an order's timeline and parcels as the customer sees them, and their language."""

from dataclasses import dataclass

from django.conf import settings

from .models import FulfilmentGroup, OrderLanguage, StatusChange


@dataclass(frozen=True)
class OrderTracking:
    """What the customer's tracking page shows: every status change and every parcel."""

    timeline: list[StatusChange]
    parcels: list[FulfilmentGroup]

    @property
    def tracking_numbers(self) -> list[str]:
        return [parcel.tracking_number for parcel in self.parcels if parcel.tracking_number]


def order_tracking(*, order) -> OrderTracking:
    """The timeline and parcels of ``order`` in two queries, whatever their number."""
    timeline = list(StatusChange.objects.filter(order=order).order_by("changed_at", "pk"))
    parcels = list(FulfilmentGroup.objects.filter(order=order).select_related("producer"))
    return OrderTracking(timeline=timeline, parcels=parcels)


def customer_language(*, order) -> str:
    """The language to write to the customer in: the one they ordered in, else the site's default."""
    language = OrderLanguage.objects.filter(order=order).values_list("language", flat=True).first()
    return language or settings.LANGUAGE_CODE
