"""A localstripe server for the card tests, and settings pointing Stripe calls at it."""

from tests.payments.localstripe_server import localstripe, localstripe_server  # noqa: F401  (fixtures)
