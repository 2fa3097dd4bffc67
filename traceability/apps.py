import atexit

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "traceability"
    verbose_name = _("Traceability")

    def ready(self):
        from . import caching

        atexit.register(caching.flush_counted_here)
