"""Discovery app: keeps the search index current, prepares each database connection for search,
and keeps the Wagtail Site on SITE_URL after every migrate."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

#: pg_trgm's word-similarity threshold for a typo (the ``%>`` operator the trigram index serves).
TYPO_SIMILARITY = 0.5


def prepare_connection(sender, connection, **kwargs) -> None:
    """PostgreSQL: forgive typos at ``TYPO_SIMILARITY`` (SQLite corrects them against the index)."""
    if connection.vendor == "postgresql":
        with connection.connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {TYPO_SIMILARITY}")


def index_pages_if_missing(sender, **kwargs) -> None:
    """After migrating a shop that has pages but no page in its index (the index is new), fill it."""
    from .indexing import index_pages, searchable_pages
    from .models import SearchEntry

    if not SearchEntry.objects.filter(page__isnull=False).exists():
        index_pages(pages=searchable_pages().live().specific())


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = _("Search and discovery")

    def ready(self):
        from .indexing import connect_index_updates
        from .sites import sync_wagtail_site

        connection_created.connect(prepare_connection, dispatch_uid="discovery_prepare_connection")
        post_migrate.connect(sync_wagtail_site, sender=self, dispatch_uid="discovery_sync_wagtail_site")
        post_migrate.connect(index_pages_if_missing, sender=self, dispatch_uid="discovery_index_pages")
        connect_index_updates()
