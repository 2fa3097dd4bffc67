"""Checkout: Oscar's checkout forked to place orders awaiting payment."""
