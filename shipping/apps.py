"""Shipping: Oscar's shipping, forked for domestic rates by province and weight, and international rates."""

import oscar.apps.shipping.apps as apps


class ShippingConfig(apps.ShippingConfig):
    name = "shipping"
