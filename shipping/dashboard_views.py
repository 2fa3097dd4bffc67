"""Create and edit shipping methods in the dashboard, with every field the checkout's rates use."""

from oscar.apps.dashboard.shipping import views as oscar_views
from oscar.apps.dashboard.shipping.forms import WeightBasedForm as OscarWeightBasedForm


class WeightBasedForm(OscarWeightBasedForm):
    class Meta(OscarWeightBasedForm.Meta):
        fields = [
            "name",
            "description",
            "default_weight",
            "international",
            "countries",
            "province_codes",
            "free_shipping_threshold",
        ]


class WeightBasedCreateView(oscar_views.WeightBasedCreateView):
    form_class = WeightBasedForm


class WeightBasedUpdateView(oscar_views.WeightBasedUpdateView):
    form_class = WeightBasedForm
