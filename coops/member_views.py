"""The co-op's members, and entering records for one of them (assisted entry).

A clerk chooses a member here; from then on the portal and the diary act for that member
(``portal.acting``) until the clerk stops. Only the co-op's own members are listed or accepted:
another co-op's producer is a 404, like another co-op's orders.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from oscar.core.loading import get_model

from portal import acting

from .views import coop_view

Partner = get_model("partner", "Partner")


def _members(coop):
    return Partner.objects.filter(coop=coop).order_by("name", "pk")


@coop_view
@require_GET
def member_list(request, coop):
    return render(
        request,
        "coops/members.html",
        {"coop": coop, "members": _members(coop), "acting": acting.acting_for(request)},
    )


@coop_view
@require_POST
def act_for(request, coop, producer_id):
    producer = _members(coop).filter(pk=producer_id).first()
    if producer is None or not coop.users.filter(pk=request.user.pk).exists():
        raise Http404("not a member of this co-op")
    acting.start_acting(request, coop=coop, producer=producer)
    messages.success(request, _("You are now entering for %(producer)s.") % {"producer": producer.name})
    return redirect("portal:home")


@coop_view
@require_POST
def stop_acting(request, coop):
    acting.stop_acting(request)
    messages.success(request, _("You no longer enter for a member."))
    return redirect("coops:members", slug=coop.slug)
