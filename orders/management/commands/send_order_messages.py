"""Retry the order messages the mail server refused (run it every few minutes)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from orders.notifications import resend_unsent_messages


class Command(BaseCommand):
    help = "Send the order messages still unsent (the mail server refused them before)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-minutes", type=int, default=1)

    def handle(self, *args, older_than_minutes: int, **options):
        sent, unsent = resend_unsent_messages(older_than=timedelta(minutes=older_than_minutes))
        self.stdout.write(f"sent {sent}, still unsent {unsent}")
