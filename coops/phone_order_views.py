"""Co-op screens for phone orders: place one for a buyer, then send them the payment link."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class, get_model

from . import phone_orders, selectors
from .phone_order_forms import PhoneOrderForm, SendLinkForm
from .views import coop_view

Order = get_model("order", "Order")
Repository = get_class("shipping.repository", "Repository")


def _shipping_choices():
    """Every domestic method (the service checks it serves the address), or the shop's free default."""
    methods = Repository().get_available_shipping_methods(basket=None)
    return [(m.code, m.name) for m in methods if not getattr(m, "international", False)]


def _phone_order_or_404(coop, number):
    try:
        order = selectors.coop_order(coop=coop, number=number)
    except Order.DoesNotExist:
        raise Http404("no such order") from None
    if order.placed_by_id is None:
        raise Http404("not a phone order")
    return order


@coop_view
def phone_order_new(request, coop):
    form = PhoneOrderForm(
        request.POST or None, products=phone_orders.member_products(coop=coop), shipping_choices=_shipping_choices()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        buyer = phone_orders.Buyer(
            first_name=data["first_name"], last_name=data["last_name"], phone=data["phone"], email=data["email"],
            province_code=data["province"], ward_code=data["ward"], street=data["street"], language=data["language"],
            on_zalo=form.zalo_choice(),
        )
        try:
            order = phone_orders.phone_order_place(
                coop=coop, clerk=request.user, quantities=form.quantities(), buyer=buyer,
                shipping_code=data["shipping"],
            )
        except phone_orders.PhoneOrderRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Order %(number)s placed for the buyer.") % {"number": order.number})
            return redirect("coops:phone-order", slug=coop.slug, number=order.number)
    status = 400 if form.errors else 200
    return render(request, "coops/phone_order_new.html", {"coop": coop, "form": form}, status=status)


@coop_view
def phone_order_detail(request, coop, number):
    order = _phone_order_or_404(coop, number)
    return render(
        request,
        "coops/phone_order.html",
        {
            "coop": coop,
            "order": order,
            "link": phone_orders.payment_link(order),
            "sms_text": phone_orders.sms_text(order),
            "phone": order.shipping_address.phone_number if order.shipping_address else "",
            "form": SendLinkForm(initial={"email": order.email}),
            "sent": order.communication_events.filter(event_type__code=phone_orders.notifications.PAYMENT_LINK)
            .order_by("-date_created"),
        },
    )


@coop_view
@require_POST
def phone_order_send_link(request, coop, number):
    order = _phone_order_or_404(coop, number)
    form = SendLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the e-mail address to send the link to."))
    else:
        phone_orders.payment_link_send(order=order, recipient=form.cleaned_data["email"])
        email = form.cleaned_data["email"]
        messages.success(request, _("The payment link is on its way to %(email)s.") % {"email": email})
    return redirect("coops:phone-order", slug=coop.slug, number=order.number)
