"""Pages of the Zalo channel: the buyer's choice on the order page, and the staff's screens of
ZNS templates and of a page's share preview."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from orders.links import order_from_token

from . import previews
from .channel import MESSAGE_FIELDS
from .models import ZaloChoice, ZnsTemplate

Order = get_model("order", "Order")
staff_member_required = user_passes_test(lambda user: user.is_active and user.is_staff)


@require_POST
def order_zalo_choice(request, token: str):
    """The buyer turns Zalo messages about this order off (``zalo=off``) or on (``zalo=on``)."""
    try:
        order = order_from_token(token)
    except Order.DoesNotExist as error:
        raise Http404("unknown order link") from error
    if request.POST.get("zalo") == "off":
        ZaloChoice.record(order, on_zalo=False)
        messages.success(request, _("We will no longer send messages about this order on Zalo, only by e-mail."))
    elif request.POST.get("zalo") == "on":
        ZaloChoice.record(order, on_zalo=True)
        messages.success(request, _("Messages about this order will be sent on Zalo."))
    return redirect("payments:order", token=token)


class ZnsTemplateForm(forms.ModelForm):
    class Meta:
        model = ZnsTemplate
        fields = ["event", "template_id", "parameters", "active"]
        help_texts = {
            "parameters": gettext_lazy(
                'JSON: each template parameter and what fills it, e.g. {"order_code": "order_number"}.'
            )
        }

    def clean_parameters(self):
        parameters = self.cleaned_data["parameters"] or {}
        if not isinstance(parameters, dict):
            raise forms.ValidationError(_("Write the parameters as a JSON object."))
        unknown = sorted(str(source) for source in parameters.values() if source not in MESSAGE_FIELDS)
        if unknown:
            raise forms.ValidationError(
                _("Unknown fields: %(fields)s. Use one of: %(known)s.")
                % {"fields": ", ".join(unknown), "known": ", ".join(MESSAGE_FIELDS)}
            )
        return parameters


@staff_member_required
def template_list(request, pk: int | None = None):
    """Every ZNS template the shop sends, and a form to add or change one."""
    instance = get_object_or_404(ZnsTemplate, pk=pk) if pk else None
    form = ZnsTemplateForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The ZNS template is saved."))
        return redirect("zalo_dashboard:templates")
    return render(
        request,
        "zalo/dashboard/templates.html",
        {"templates": ZnsTemplate.objects.all(), "form": form, "editing": instance, "fields": MESSAGE_FIELDS},
    )


@staff_member_required
def preview_card(request):
    """How a page of the shop will look when shared in Zalo or Facebook."""
    address = request.GET.get("url", "").strip()
    card = previews.preview_of(address, host=request.get_host()) if address else None
    return render(request, "zalo/dashboard/preview.html", {"address": address, "card": card})
