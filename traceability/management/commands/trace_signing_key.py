"""Print a new Ed25519 private key for TRACE_SIGNING_KEY (keep it secret, outside the database)."""

from django.core.management.base import BaseCommand

from traceability import signing


class Command(BaseCommand):
    help = "Print a new trace signing key (base64) for the TRACE_SIGNING_KEY environment variable."

    def handle(self, *args, **options):
        self.stdout.write(signing.generate_key())
