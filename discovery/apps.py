"""Discovery app: registers the accent-folding SQL function on every SQLite connection, and keeps
the Wagtail Site on SITE_URL after every migrate."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """SQLite has no ``unaccent``: give it ours, so the same queries fold accents on both databases."""
    if connection.vendor != "sqlite":
        return
    from .text import fold

    connection.connection.create_function("ocop_fold", 1, fold, deterministic=True)


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = _("Search and discovery")

    def ready(self):
        connection_created.connect(register_sqlite_functions, dispatch_uid="discovery_sqlite_functions")
        from .sites import sync_wagtail_site

        post_migrate.connect(sync_wagtail_site, sender=self, dispatch_uid="discovery_sync_wagtail_site")
