"""Checkout: Oscar's checkout, forked to place orders as pending payment and hand over to payments."""

import oscar.apps.checkout.apps as apps


class CheckoutConfig(apps.CheckoutConfig):
    name = "checkout"
