"""Shipping: Oscar's shipping forked for rates by province and weight."""
