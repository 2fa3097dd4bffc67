"""Where producers and co-ops say how buyers reach them on Zalo: their OA id and Zalo phone.

The producer's page in the portal (``/zalo/producer/``) and the co-op's (``/zalo/coop/<slug>/``)
each edit only these fields of their own record; the "Chat on Zalo" links follow from them. Staff
edit the same fields through these same forms on the partner's page of the dashboard
(``dashboard.partners.forms``).
"""

from django import forms
from django.contrib import messages
from django.core.validators import RegexValidator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coops.models import Coop
from coops.views import coop_view
from portal.views import producer_required
from producers.models import Partner, vietnamese_mobile

oa_id = RegexValidator(r"^\d{6,32}$", gettext_lazy("A Zalo OA id is a number, as in zalo.me/579745863508352884."))


class ProducerZaloForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["zalo", "zalo_oa_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zalo_oa_id"].validators.append(oa_id)


class CoopZaloForm(forms.ModelForm):
    class Meta:
        model = Coop
        fields = ["zalo_phone", "zalo_oa_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zalo_phone"].validators.append(vietnamese_mobile)
        self.fields["zalo_oa_id"].validators.append(oa_id)


def _edit(request, form_class, instance, template: str, context: dict):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your Zalo contacts are saved."))
        return redirect(request.path)
    return render(request, template, {"form": form, **context})


@producer_required
def producer_zalo(request):
    """The first producer the user acts for (``?producer=<id>`` picks another of theirs)."""
    chosen = request.GET.get("producer")
    producer = next((p for p in request.producers if str(p.pk) == chosen), request.producers[0])
    return _edit(request, ProducerZaloForm, producer, "zalo/producer_zalo.html", {"producer": producer})


@coop_view
def coop_zalo(request, coop):
    return _edit(request, CoopZaloForm, coop, "zalo/coop_zalo.html", {"coop": coop})
