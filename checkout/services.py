"""Placing an order: the one path from a basket to an order awaiting payment.

The order (made by ``orders.utils.OrderCreator``: stock and lot of every line, the buyer's
language), its payment record and the basket's submission commit together or not at all; a
basket submitted twice yields the order it already made.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.core.loading import get_class, get_model

from orders import notifications
from orders.statuses import OrderStatus
from payments.models import Payment
from payments.registry import get_method
from payments.selectors import bank_details
from producers.models import InsufficientStock
from zalo.models import ZaloChoice

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")

logger = logging.getLogger(__name__)


class UnableToPlaceOrder(Exception):
    """The basket cannot become an order (sold out, empty, already closed); the message is for the buyer."""


@dataclass(frozen=True)
class PlacedOrder:
    order: object
    created: bool


def _order_of_submitted_basket(basket_id: int):
    return Order.objects.filter(basket_id=basket_id).select_related("payment").first()


def place_pending_order(
    *,
    basket,
    user,
    email: str,
    shipping_address,
    shipping_method,
    shipping_charge,
    order_total,
    payment_method: str,
    language: str = settings.LANGUAGE_CODE,
    billing_address=None,
    surcharges=None,
    request=None,
    placed_by=None,
    placed_note: str = "",
    on_zalo: bool | None = None,
) -> PlacedOrder:
    """Turn the basket into an order in "pending payment", allocating stock under a guard.

    ``placed_by`` is the staff member placing the order for a buyer (a phone order): it is kept
    on the order, and the order's status history starts with them and ``placed_note``.
    ``on_zalo`` is the buyer's answer to order messages on Zalo (None: not asked), kept before the
    first message is queued so that "order placed" already goes there; without a yes they go by e-mail.

    Raises UnableToPlaceOrder when stock ran out meanwhile or the basket cannot be submitted;
    then nothing is saved and the basket stays open for the buyer to change.
    """
    method = get_method(payment_method)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    for attempt in range(3):
        try:
            with transaction.atomic():
                locked = Basket._default_manager.select_for_update().get(pk=basket.pk)
                if locked.status == Basket.SUBMITTED:
                    existing = _order_of_submitted_basket(basket.pk)
                    if existing is None:
                        raise UnableToPlaceOrder(_("This basket has already been checked out."))
                    return PlacedOrder(order=existing, created=False)
                if locked.status not in (Basket.OPEN, Basket.FROZEN, Basket.SAVED):
                    raise UnableToPlaceOrder(_("This basket can no longer be checked out."))
                if shipping_address is not None:
                    shipping_address.save()
                if billing_address is not None:
                    billing_address.save()
                order = OrderCreator().place_order(
                    basket=basket,
                    total=order_total,
                    shipping_method=shipping_method,
                    shipping_charge=shipping_charge,
                    user=user if user is not None and user.is_authenticated else None,
                    shipping_address=shipping_address,
                    billing_address=billing_address,
                    order_number=OrderNumberGenerator().order_number(basket),
                    status=OrderStatus.PENDING_PAYMENT,
                    request=request,
                    surcharges=surcharges,
                    guest_email=email if not (user and user.is_authenticated) else "",
                    language=language,
                    placed_by=placed_by,
                )
                if placed_by is not None:
                    order.status_changes.create(
                        old_status="", new_status=order.status, changed_by=placed_by, note=placed_note[:255]
                    )
                Payment.objects.create(
                    order=order, method=method.code, amount=int(order.total_incl_tax), reference=order.number
                )
                if on_zalo is not None:
                    ZaloChoice.record(order, on_zalo=on_zalo)
                locked.submit()
                basket.status = locked.status
                notifications.queue_order_message(
                    order=order, code=notifications.ORDER_RECEIVED, context={"bank": bank_details()}
                )
                return PlacedOrder(order=order, created=True)
        except InsufficientStock as error:
            raise UnableToPlaceOrder(_("Sorry, one of the products has just sold out.")) from error
        except (FailedPreCondition, ValueError) as error:
            # Oscar's OrderCreator raises ValueError for an empty basket or a voucher not allowed.
            raise UnableToPlaceOrder(str(error)) from error
        except IntegrityError:
            # Two random order numbers collided; draw again.
            logger.warning("order number collision for basket %s (attempt %s)", basket.pk, attempt)
    raise UnableToPlaceOrder(_("The order could not be placed; please try again."))
