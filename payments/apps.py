"""Payments: the registry of payment methods, their providers and their notifications."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Payments")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from oscar.apps.order.signals import order_status_changed

        from .services import on_order_status_changed

        order_status_changed.connect(on_order_status_changed, dispatch_uid="payments-refund-pending")
