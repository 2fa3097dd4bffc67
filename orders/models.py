"""Orders: Oscar's order models, forked so the market can extend them."""

from oscar.apps.order.models import *  # noqa: F403
