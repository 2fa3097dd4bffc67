"""Sign the seal of published lots that have none (lots published before seals existed)."""

from django.core.management.base import BaseCommand

from traceability import services
from traceability.models import Lot


class Command(BaseCommand):
    help = "Seal every published lot that carries no signed seal yet."

    def handle(self, *args, **options):
        count = 0
        for lot in Lot.objects.filter(published_at__isnull=False, seal="").order_by("pk"):
            services.seal_lot(lot=lot)
            count += 1
        self.stdout.write(f"{count} lot(s) sealed")
