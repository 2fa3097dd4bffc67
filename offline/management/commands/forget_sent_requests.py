"""Delete idempotency keys older than ``offline.idempotency.KEPT_FOR`` (a daily periodic job)."""

from django.core.management.base import BaseCommand

from offline.idempotency import forget_old_requests


class Command(BaseCommand):
    help = "Forget the keys of requests sent more than 30 days ago."

    def handle(self, *args, **options):
        self.stdout.write(f"{forget_old_requests()} keys forgotten")
