"""Rebuild the search index from scratch (after a bulk import that bypassed the shop's services)."""

from django.core.management.base import BaseCommand

from discovery.indexing import rebuild_index
from discovery.models import SearchEntry


class Command(BaseCommand):
    help = "Rebuild the storefront search index (products, producers, stories)."

    def handle(self, *args, **options):
        rebuild_index()
        self.stdout.write(f"{SearchEntry.objects.count()} entries indexed.")
