"""Order numbers that say nothing about how many orders exist and cannot be guessed."""

import secrets

from oscar.apps.order.utils import OrderCreator  # noqa: F401  (get_class resolves it from this module)

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PREFIX = "OC"
LENGTH = 8


class OrderNumberGenerator:
    """``OC`` + 8 random letters/digits (no 0/O, 1/I): short enough for a bank-transfer memo."""

    def order_number(self, basket=None) -> str:
        return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
