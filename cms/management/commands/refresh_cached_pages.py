"""Make every cached page and piece stale: run on each release, whose code and templates may
build them differently (the pieces are kept under the site's content version, which this moves on)."""

from django.core.management.base import BaseCommand

from shop.page_cache import SITE, bump_tags


class Command(BaseCommand):
    help = "Move the site's content version on, so that cached pages and pieces are built again."

    def handle(self, *args, **options):
        bump_tags([SITE])
        self.stdout.write("Cached pages and pieces will be built again.")
