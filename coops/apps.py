"""Application configuration of the co-operatives."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoopsConfig(AppConfig):
    name = "coops"
    verbose_name = _("Co-operatives")

    def ready(self):
        from oscar.apps.order.signals import order_status_changed

        from .notifications import on_order_status_changed

        order_status_changed.connect(on_order_status_changed, dispatch_uid="coops-order-paid")
