"""Checkout keeps no tables of its own; Oscar's (none) are loaded for completeness."""

from oscar.apps.checkout.models import *  # noqa: F403
