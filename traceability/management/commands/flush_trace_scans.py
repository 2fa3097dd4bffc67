"""Move the scan counts kept in the cache into ScanCount (run from cron, e.g. every few minutes)."""

from django.core.management.base import BaseCommand

from traceability import caching
from traceability.models import Lot


class Command(BaseCommand):
    help = "Write cached trace-page scan counts (today and yesterday) to the database."

    def handle(self, *args, **options):
        lot_ids = list(Lot.objects.filter(published_at__isnull=False).values_list("pk", flat=True))
        written = caching.flush_scans(lot_ids=lot_ids)
        self.stdout.write(f"{written} scan(s) written for {len(lot_ids)} published lot(s)")
