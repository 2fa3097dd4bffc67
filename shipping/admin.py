"""Shipping methods in the Django admin, as Oscar registers them."""

from oscar.apps.shipping.admin import *  # noqa: F403
