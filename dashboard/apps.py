"""Oscar's dashboard, forked only so that its forms can be replaced where the shop's rules differ
(``dashboard/catalogue/forms.py``: photos; ``dashboard/partners/forms.py``: Zalo contacts);
everything else is Oscar's."""

import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    name = "dashboard"
