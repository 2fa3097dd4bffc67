"""The client's address comes from a proxy header only when the operator names it."""

import pytest
from django.test import RequestFactory

from shop.proxy import TrustedProxyMiddleware


def _address_seen(settings, forwarded: str, **config) -> str:
    for name, value in config.items():
        setattr(settings, name, value)
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    TrustedProxyMiddleware(view)(request)
    return seen["address"]


def test_without_configuration_the_header_is_ignored(settings):
    assert _address_seen(settings, "203.0.113.9", CLIENT_IP_HEADER="") == "10.0.0.2"


@pytest.mark.parametrize(
    ("forwarded", "proxies", "expected"),
    [
        ("203.0.113.9", 1, "203.0.113.9"),
        ("1.1.1.1, 203.0.113.9", 1, "203.0.113.9"),  # the first entry was sent by the client itself
        ("1.1.1.1, 203.0.113.9, 10.0.0.7", 2, "203.0.113.9"),
        ("not-an-address", 1, "10.0.0.2"),
        ("", 1, "10.0.0.2"),
    ],
)
def test_the_entry_added_by_the_trusted_proxies_is_the_client(settings, forwarded, proxies, expected):
    assert _address_seen(
        settings, forwarded, CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=proxies
    ) == expected
