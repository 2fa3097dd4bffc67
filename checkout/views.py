"""Checkout views: Oscar's steps, with a payment-method choice and placement as "pending payment".

No payment is taken here: the order is placed (stock allocated under a guard), then the buyer
goes to the order's payment page (payments app), which settles only on verified notifications.
"""

import logging

from django import http
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.core.loading import get_class, get_model

from orders.links import order_token
from payments.registry import enabled_methods

from . import addresses
from .forms import PaymentMethodForm
from .services import UnableToPlaceOrder, place_pending_order

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
Order = get_model("order", "Order")
logger = logging.getLogger(__name__)

IndexView = oscar_views.IndexView
UserAddressUpdateView = oscar_views.UserAddressUpdateView
UserAddressDeleteView = oscar_views.UserAddressDeleteView
ShippingMethodView = oscar_views.ShippingMethodView
ThankYouView = oscar_views.ThankYouView


def chose_zalo(checkout_session) -> bool | None:
    """Whether the buyer ticked "Get order updates on Zalo" (on the address or the payment step);
    None when they were not asked."""
    chosen = checkout_session._get("zalo", "updates")
    return None if chosen is None else bool(chosen)


def privacy_consent_at(checkout_session):
    """When the buyer agreed, on the address step, to the use of the address they typed; None when
    they typed none (an address picked from the address book carries its own consent)."""
    moment = checkout_session._get("shipping", "privacy_consent_at")
    return parse_datetime(moment) if moment else None


class ShippingAddressView(oscar_views.ShippingAddressView):
    """Oscar's address step, also keeping the buyer's choice of order messages on Zalo and when
    they agreed to the privacy policy (kept with the shipping data: choosing a saved address
    instead forgets it)."""

    def get_initial(self):
        initial = super().get_initial() or {}
        return {**initial, "zalo_updates": chose_zalo(self.checkout_session)}

    def form_valid(self, form):
        self.checkout_session._set("zalo", "updates", bool(form.cleaned_data.get("zalo_updates")))
        response = super().form_valid(form)
        self.checkout_session._set("shipping", "privacy_consent_at", timezone.now().isoformat())
        return response


def wards(request, province: int):
    """The communes and wards of a province as JSON, for the address form's second select."""
    response = http.JsonResponse({"wards": [[code, name] for code, name in addresses.wards_of(province)]})
    response["Cache-Control"] = "public, max-age=86400"
    return response


class PaymentMethodsMixin:
    def shipping_country_code(self) -> str:
        address = self.get_shipping_address(self.request.basket)
        country = getattr(address, "country", None)
        return getattr(country, "iso_3166_1_a2", "") or "VN"

    def available_methods(self):
        return enabled_methods(country_code=self.shipping_country_code())


class PaymentMethodView(PaymentMethodsMixin, CheckoutSessionMixin, generic.FormView):
    """Choose how to pay; remembered in the checkout session. A buyer who chose a saved address
    (so skipped the address form) is asked the Zalo question here."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_data_is_captured",
    ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["methods"] = self.available_methods()
        kwargs["initial"] = {"method": self.checkout_session.payment_method()}
        kwargs["asks_zalo"] = chose_zalo(self.checkout_session) is None
        return kwargs

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        if "zalo_updates" in form.fields:
            self.checkout_session._set("zalo", "updates", form.cleaned_data["zalo_updates"])
        return redirect("checkout:preview")


class PaymentDetailsView(PaymentMethodsMixin, oscar_views.PaymentDetailsView):
    """The preview and the "place order" submission."""

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:payment-method")
        return super().get(request, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        placed = self.already_placed_order(request)
        if placed is not None:
            messages.info(request, _("This order was already placed."))
            return redirect("payments:order", token=order_token(placed))
        return super().dispatch(request, *args, **kwargs)

    def already_placed_order(self, request):
        """The order a repeated "place order" click refers to, once its basket has been submitted."""
        if request.method != "POST" or request.POST.get("action") != "place_order":
            return None
        order_id = request.session.get("checkout_order_id")
        if not order_id or not request.basket.is_empty:
            return None
        return Order.objects.filter(pk=order_id).first()

    def check_payment_data_is_captured(self, request):
        codes = {method.code for method in self.available_methods()}
        if self.checkout_session.payment_method() not in codes:
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"), message=_("Please choose how you would like to pay.")
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.checkout_session.payment_method()
        context["payment_method"] = next((m for m in self.available_methods() if m.code == chosen), None)
        return context

    def update_address_book(self, user, addr):
        """Oscar's address book update, the saved address carrying the time the buyer agreed on the
        address step (an address already in the book keeps its own consent when none was given)."""
        super().update_address_book(user, addr)
        consent = privacy_consent_at(self.checkout_session)
        if consent is not None:
            user.addresses.filter(hash=addr.generate_hash()).update(privacy_consent_at=consent)

    def handle_place_order_submission(self, request):
        submission = self.build_submission()
        user = submission["user"]
        email = user.email if user.is_authenticated else self.checkout_session.get_guest_email()
        try:
            placed = place_pending_order(
                basket=submission["basket"],
                user=user,
                email=email or "",
                shipping_address=submission["shipping_address"],
                shipping_method=submission["shipping_method"],
                shipping_charge=submission["shipping_charge"],
                order_total=submission["order_total"],
                billing_address=submission["billing_address"],
                surcharges=submission["surcharges"],
                payment_method=self.checkout_session.payment_method(),
                language=get_language() or settings.LANGUAGE_CODE,
                on_zalo=chose_zalo(self.checkout_session),
                request=request,
            )
        except UnableToPlaceOrder as error:
            return self.render_preview(request, error=str(error))
        except KeyError:
            return redirect("checkout:payment-method")
        order = placed.order
        if placed.created and user.is_authenticated and order.shipping_address is not None:
            self.update_address_book(user, order.shipping_address)
        self.checkout_session.flush()
        request.session["checkout_order_id"] = order.pk
        response = redirect("payments:order", token=order_token(order))
        if placed.created:
            self.send_signal(request, response, order)
        else:
            messages.info(request, _("This order was already placed."))
        return response
