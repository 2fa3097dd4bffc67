"""Orders co-op staff place for a buyer who calls or writes, and the payment link they send them.

Such an order goes the one way every order goes: a basket priced by the shop's strategy, the
shipping repository's methods, ``checkout.services.place_pending_order`` (Oscar's order creator,
stock and lots allocated under a guard, the "order received" message) — only it names the staff
member who placed it. The buyer then pays through the order's VietQR page, reached by a signed
link that staff e-mail (a message in the order's communication log) or paste into SMS or Zalo.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from checkout import addresses
from checkout.services import UnableToPlaceOrder, place_pending_order
from orders import notifications
from orders.links import order_token
from payments.selectors import bank_details

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
Repository = get_class("shipping.repository", "Repository")
Selector = get_class("partner.strategy", "Selector")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")

#: Phone orders are paid by bank transfer: the buyer scans the order page's VietQR code.
PAYMENT_METHOD = "vietqr"


class PhoneOrderRefused(ValueError):
    """The order cannot be placed as asked; the message is for the co-op clerk."""


@dataclass(frozen=True)
class Buyer:
    first_name: str
    last_name: str
    phone: str
    email: str
    province_code: int
    ward_code: int
    street: str
    language: str = "vi"
    #: The buyer's answer to order messages on Zalo; None when not asked.
    on_zalo: bool | None = None


def member_products(*, coop) -> QuerySet:
    """The public products of the co-op's members that a buyer can order."""
    return (
        Product.objects.filter(producer__coop=coop, is_public=True, parent__isnull=True)
        .select_related("producer")
        .order_by("producer__name", "title", "pk")
    )


def shipping_address_for(buyer: Buyer):
    """The buyer's Vietnamese address (province → commune/ward), not yet saved."""
    ward_name = addresses.ward_in_province(buyer.ward_code, buyer.province_code)
    if ward_name is None:
        raise PhoneOrderRefused(_("This commune or ward is not in the chosen province."))
    country = Country.objects.filter(iso_3166_1_a2="VN").first()
    if country is None:
        raise PhoneOrderRefused(_("The shop does not ship to Vietnam yet: ask staff to add it."))
    return ShippingAddress(
        first_name=buyer.first_name,
        last_name=buyer.last_name,
        line1=buyer.street,
        line4=ward_name,
        state=addresses.province_names()[buyer.province_code],
        country=country,
        phone_number=_international(buyer.phone),
    )


def _international(phone: str) -> str:
    """+84… for a Vietnamese mobile, the way the checkout's address form stores it."""
    national = addresses.normalise_mobile(phone)
    if national is None:
        raise PhoneOrderRefused(_("Enter a Vietnamese mobile number: 10 digits starting 03, 05, 07, 08 or 09."))
    return "+84" + national[1:]


def shipping_methods_for(*, basket, address) -> list:
    return Repository().get_shipping_methods(basket, shipping_addr=address)


def phone_order_place(*, coop, clerk, quantities: dict, buyer: Buyer, shipping_code: str):
    """Place an order for ``buyer`` of the co-op's members' products (``quantities``: product id →
    units), awaiting payment by VietQR, marked as placed by ``clerk``.

    Raises PhoneOrderRefused for no product, another co-op's product, too little stock, or a
    shipping method that does not serve the address; nothing is saved then.
    """
    wanted = {int(pk): int(qty) for pk, qty in quantities.items() if int(qty) > 0}
    if not wanted:
        raise PhoneOrderRefused(_("Choose at least one product and its quantity."))
    products = {product.pk: product for product in member_products(coop=coop).filter(pk__in=wanted)}
    if set(products) != set(wanted):
        raise PhoneOrderRefused(_("Only the members' products on sale can be ordered here."))
    strategy = Selector().strategy()
    for pk, quantity in wanted.items():
        purchasable, reason = strategy.fetch_for_product(products[pk]).availability.is_purchase_permitted(quantity)
        if not purchasable:
            raise PhoneOrderRefused(f"{products[pk].title}: {reason}")
    address = shipping_address_for(buyer)
    basket = Basket.objects.create()
    basket.strategy = strategy
    for pk, quantity in wanted.items():
        basket.add_product(products[pk], quantity)
    method = next((m for m in shipping_methods_for(basket=basket, address=address) if m.code == shipping_code), None)
    if method is None:
        basket.delete()
        raise PhoneOrderRefused(_("This shipping method does not deliver to the buyer's address."))
    charge = method.calculate(basket)
    try:
        placed = place_pending_order(
            basket=basket,
            user=AnonymousUser(),
            email=buyer.email,
            shipping_address=address,
            shipping_method=method,
            shipping_charge=charge,
            order_total=OrderTotalCalculator().calculate(basket, charge),
            payment_method=PAYMENT_METHOD,
            language=buyer.language,
            placed_by=clerk,
            on_zalo=buyer.on_zalo,
            placed_note=_("Placed by phone by %(clerk)s for co-op %(coop)s")
            % {"clerk": clerk.get_full_name() or clerk.email, "coop": coop.name},
        )
    except UnableToPlaceOrder as error:
        raise PhoneOrderRefused(str(error)) from error
    return placed.order


def payment_link(order) -> str:
    """The order's payment page (VietQR code and status), in the buyer's language, as a full address."""
    with translation.override(order.language):
        path = reverse("payments:order", kwargs={"token": order_token(order)})
    return notifications.site_url(path)


def payment_link_send(*, order, recipient: str = ""):
    """E-mail the buyer the payment link, through the order's communication log (sent after commit).

    Raises PhoneOrderRefused when there is no address to write to.
    """
    event = notifications.queue_order_message(
        order=order,
        code=notifications.PAYMENT_LINK,
        recipient=recipient.strip(),
        context={"bank": bank_details(), "payment_url": payment_link(order)},
    )
    if event is None:
        raise PhoneOrderRefused(_("The buyer left no e-mail address: send the link by SMS or Zalo."))
    return event


def sms_text(order) -> str:
    """What staff paste into an SMS or a Zalo chat: the amount, the memo and the payment link."""
    with translation.override(order.language):
        return _("%(shop)s: order %(number)s, %(amount)s VND. Pay by bank transfer (memo %(memo)s): %(link)s") % {
            "shop": settings.OSCAR_SHOP_NAME,
            "number": order.number,
            "amount": f"{int(order.total_incl_tax):,}".replace(",", "."),
            "memo": order.payment.reference,
            "link": payment_link(order),
        }
