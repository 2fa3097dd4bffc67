"""A localstripe server for the card tests, and settings pointing Stripe calls at it."""

import pytest

from tests.payments.localstripe_server import LocalStripe


@pytest.fixture(scope="session")
def localstripe_server():
    server = LocalStripe()
    yield server
    server.stop()


@pytest.fixture
def localstripe(localstripe_server, settings):
    settings.STRIPE_API_BASE = localstripe_server.url
    settings.STRIPE_SECRET_KEY = "sk_test_ocop_localstripe"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop_localstripe"
    settings.STRIPE_JS_URL = f"{localstripe_server.url}/js.stripe.com/v3/"
    return localstripe_server
