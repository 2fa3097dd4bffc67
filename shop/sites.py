"""Django's Site (the domain in password-reset and order e-mails) follows the SITE_URL setting.

Django creates its Site as ``example.com``; Oscar and Django build the links of their e-mails
from it. After every ``migrate`` (each deploy) the Site's domain and name are set from
``SITE_URL`` and the shop's name, so no e-mail links to a domain the shop does not own.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_domain() -> str:
    """``host[:port]`` of SITE_URL."""
    return urlsplit(settings.SITE_URL).netloc


def sync_site_with_settings(*, using: str = "default", **_signal_kwargs) -> None:
    """Set the current Site's domain and name from SITE_URL (the post_migrate handler)."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.OSCAR_SHOP_NAME}
    )
    Site.objects.clear_cache()
