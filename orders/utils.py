"""Creating orders: Oscar's OrderCreator with each line's lot, and numbers that cannot be guessed."""

import secrets

from oscar.apps.order.utils import OrderCreator as OscarOrderCreator

from traceability.services import allocate_line_lot

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PREFIX = "OC"
LENGTH = 8


class OrderNumberGenerator:
    """``OC`` + 8 random letters/digits (no 0/O, 1/I): short enough for a bank-transfer memo."""

    def order_number(self, basket=None) -> str:
        return PREFIX + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


class OrderCreator(OscarOrderCreator):
    """Oscar's order creation, which also gives each line the lot it ships from.

    Oscar allocates each line's stock; here, in the same transaction, each line also takes its
    units from the first-expiring published lot of its product (``allocate_line_lot``). The
    customer's language is an order field: pass ``language=`` to ``place_order``.
    """

    def create_additional_line_models(self, order, order_line, basket_line):
        super().create_additional_line_models(order, order_line, basket_line)
        allocate_line_lot(line=order_line)
