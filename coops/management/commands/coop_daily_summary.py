"""Send each co-op its morning summary (run once a day, e.g. from cron at 07:00)."""

from django.core.management.base import BaseCommand

from coops.models import Coop
from coops.notifications import send_daily_summary


class Command(BaseCommand):
    help = "E-mail every co-op its parcels to pack and ship, late orders and yesterday's sales."

    def add_arguments(self, parser):
        parser.add_argument("--coop", help="Only this co-op (slug).")

    def handle(self, *args, coop=None, **options):
        coops = Coop.objects.prefetch_related("users")
        if coop:
            coops = coops.filter(slug=coop)
        sent = sum(1 for each in coops if send_daily_summary(coop=each))
        self.stdout.write(f"daily summaries sent: {sent}")
