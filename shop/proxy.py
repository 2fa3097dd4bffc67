"""The client's address behind a reverse proxy, read only from the header an operator says to trust.

Behind a load balancer every request comes from the balancer's address; the client's is in a
header the balancer adds (``X-Forwarded-For``). Anyone can send that header too, so it is read
only when ``CLIENT_IP_HEADER`` names it, and then only the entry added by the trusted proxies
themselves: with ``TRUSTED_PROXY_COUNT`` proxies, the that-many-th address from the right.
``REMOTE_ADDR`` then holds it for everything downstream (login limits, logs).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


class TrustedProxyMiddleware:
    """Set REMOTE_ADDR from the configured header (see the module docstring); no header, no change."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.key = _meta_key(settings.CLIENT_IP_HEADER) if settings.CLIENT_IP_HEADER else None
        self.count = max(1, settings.TRUSTED_PROXY_COUNT)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.key:
            addresses = [part.strip() for part in request.META.get(self.key, "").split(",") if part.strip()]
            if len(addresses) >= self.count:
                candidate = addresses[-self.count]
                try:
                    request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(candidate))
                except ValueError:
                    pass
        return self.get_response(request)
