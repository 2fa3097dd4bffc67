"""What co-ops entered for the producer: the list, and an objection that becomes a diary correction."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coops import assisted

from .forms import ObjectionForm
from .views import producer_required


@producer_required
def entry_list(request):
    return render(
        request,
        "portal/assisted_entries.html",
        {"entries": assisted.entries_for(producers=request.producers)[:200], "form": ObjectionForm()},
    )


@producer_required
@require_POST
def entry_object(request, pk):
    """Only the producer objects: a co-op user acting for them gets 404."""
    if request.acting is not None:
        raise Http404("the co-op does not object for the producer")
    entry = assisted.entry_of(producers=request.producers, entry_id=pk)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what is wrong with this entry."))
        return redirect("portal:assisted-entries")
    try:
        assisted.entry_object(entry=entry, objection=form.cleaned_data["objection"], by=request.user)
    except assisted.ObjectionRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your objection is recorded as a correction; the co-op reviews and publishes it."))
    return redirect("portal:assisted-entries")
