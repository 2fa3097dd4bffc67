"""Create (or bring up to date) the demo world of An Khánh and print where to look and how to log in."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from demo import world
from demo.seeding import seed_world


class Command(BaseCommand):
    help = "Create the demo co-ops, producers, products and pages. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default=settings.SITE_URL, help="Address printed in the summary."
        )

    def handle(self, *args, base_url: str, **options):
        result = seed_world(report=lambda line: self.stdout.write(f"  · {line}"))
        base = base_url.rstrip("/")
        product = result["products"][0]
        self.stdout.write(self.style.SUCCESS("Demo ready. Open:"))
        for label, path in [
            ("shop (vi)", "/"),
            ("shop (en)", "/en/"),
            ("catalogue", reverse("catalogue:index")),
            ("a product", product.get_absolute_url()),
            ("dashboard", "/dashboard/"),
            ("page editor", "/cms-admin/"),
        ]:
            self.stdout.write(f"  {label:<12} {base}{path}")
        self.stdout.write("Logins (role  username  password):")
        for role, username, password in world.ACCOUNTS:
            self.stdout.write(f"  {role:<9} {username:<24} {password}")
