"""The Wagtail Site follows SITE_URL, so page links, the sitemap and previews use the shop's address."""

from urllib.parse import urlsplit

from django.conf import settings


def site_address(site_url: str | None = None) -> tuple[str, int]:
    """The host name and port of ``site_url`` (SITE_URL by default); 443/80 when the URL names none."""
    parts = urlsplit(site_url or settings.SITE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def sync_wagtail_site(**_signal_kwargs) -> int:
    """Point the default Wagtail Site at SITE_URL's host and port; returns the rows changed.

    Runs after every ``migrate`` (so at every start of ``make run`` and of a deployment) and from the seed.
    """
    from wagtail.models import Site

    hostname, port = site_address()
    return Site.objects.filter(is_default_site=True).exclude(hostname=hostname, port=port).update(
        hostname=hostname, port=port
    )
