"""``manage.py preview_card <url or path>``: what Zalo and Facebook will show for a shared link."""

from django.core.management.base import BaseCommand

from zalo.previews import preview_of


class Command(BaseCommand):
    help = "Show the share preview (Open Graph card) of a page and what is wrong with it."

    def add_arguments(self, parser):
        parser.add_argument("address", help="A path (/shop/…) or a URL of this shop.")

    def handle(self, *args, address: str, **options):
        card = preview_of(address)
        self.stdout.write(f"{card.address} → {card.status}")
        self.stdout.write(f"  title:       {card.title}")
        self.stdout.write(f"  description: {card.description}")
        self.stdout.write(f"  url:         {card.first('og:url')}")
        alternates = ", ".join(card.tags.get("og:locale:alternate", []))
        self.stdout.write(f"  locale:      {card.first('og:locale')} (+ {alternates})")
        if card.image:
            size = "×".join(map(str, card.image_size or ())) or "?"
            kilobytes = card.image_bytes // 1024
            self.stdout.write(f"  image:       {card.image} [{card.image_format} {size}, {kilobytes} KB]")
        for problem in card.problems:
            self.stdout.write(self.style.WARNING(f"  ! {problem}"))
        if not card.problems:
            self.stdout.write(self.style.SUCCESS("  The preview will show in Zalo and Facebook."))
