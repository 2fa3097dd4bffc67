"""Oscar's order event handler, sent through the shop's status pipeline.

Oscar's dashboard changes an order's status with ``EventHandler.handle_order_status_change``.
Here that goes through ``fulfilment.services.change_order_status`` like every other change: the
move is checked against the pipeline, recorded with who made it, releases or consumes the
order's stock and lot units, and is e-mailed to the customer.
"""

from oscar.apps.order.exceptions import InvalidOrderStatus
from oscar.apps.order.processing import EventHandler as OscarEventHandler

from fulfilment.services import ForbiddenTransition, change_order_status


class EventHandler(OscarEventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        try:
            change_order_status(order=order, to=new_status, by=self.user, note=note_msg or "")
        except ForbiddenTransition as refused:
            raise InvalidOrderStatus(str(refused)) from refused
        if note_msg:
            self.create_note(order, note_msg)
