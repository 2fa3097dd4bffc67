"""Oscar's shipping dashboard with the market's method form (provinces served, international, free from)."""

import oscar.apps.dashboard.shipping.apps as apps


class ShippingDashboardConfig(apps.ShippingDashboardConfig):
    def ready(self):
        super().ready()
        from . import dashboard_views

        self.weight_method_create_view = dashboard_views.WeightBasedCreateView
        self.weight_method_edit_view = dashboard_views.WeightBasedUpdateView
