"""Expire orders left unpaid past PAYMENT_EXPIRY_MINUTES (run from cron), releasing their stock."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from payments.services import expire_unpaid_orders


class Command(BaseCommand):
    help = "Expire orders still awaiting payment after the configured time and release their stock."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=None, help="Override PAYMENT_EXPIRY_MINUTES.")

    def handle(self, *args, minutes=None, **options):
        after = timedelta(minutes=minutes) if minutes is not None else None
        numbers = expire_unpaid_orders(after=after)
        self.stdout.write(f"expired {len(numbers)} order(s): {' '.join(numbers)}".rstrip(": "))
