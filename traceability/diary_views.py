"""The production diary on a phone: producers add entries to their own lots; staff and the co-op publish.

Every view looks the lot up among ``selectors.lots_for_user``: another producer's lot is a 404.
A co-op user acting for a member (``portal.acting``) sees that member's lots only, and what they
enter is noted as entered by the co-op for that member.
"""

import csv
import io
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coops import assisted
from offline.idempotency import idempotent
from portal.acting import acting_for

from . import exports, labels, late_entries, record_items, selectors, services
from .forms import DiaryEventForm, EventEnglishForm, LabelSheetForm, LotDetailsForm
from .models import DiaryEvent


def _lots(request: HttpRequest):
    """The lots of the member the request acts for, or else every lot the user keeps the diary of."""
    acting = acting_for(request)
    lots = selectors.lots_for_user(request.user)
    return lots.filter(product__producer=acting.producer) if acting is not None else lots


def _lot(request: HttpRequest, lot_id: int):
    return get_object_or_404(_lots(request), pk=lot_id)


def _event(request: HttpRequest, lot, event_id: int) -> DiaryEvent:
    return get_object_or_404(DiaryEvent.objects.select_related("lot"), pk=event_id, lot=lot)


@login_required
def lot_list(request: HttpRequest) -> HttpResponse:
    lots = list(_lots(request).order_by("-created_at")[:100])
    scans = selectors.scan_totals(lots=lots)
    for lot in lots:
        lot.scan_total = scans.get(lot.pk, 0)
    return render(request, "traceability/diary/lot_list.html", {"lots": lots})


def _lot_details_form(lot, data=None) -> LotDetailsForm:
    initial = {name: getattr(lot, name) for name in LotDetailsForm.RECORD_FIELDS}
    if lot.facility_id:
        initial["facility_name_en"] = lot.facility.name_en
    return LotDetailsForm(data, lot=lot, initial=initial)


def _seen_sequence(request: HttpRequest) -> int | None:
    try:
        return int(request.POST["seen_sequence"])
    except (KeyError, ValueError):
        return None


def _late_entry_message(entry: late_entries.LateEntry) -> str:
    if entry.corrects is not None:
        return _(
            "The lot was published while this entry waited to be sent: it is kept as a draft correction "
            "of the published entry of %(date)s, for the co-op to review."
        ) % {"date": timezone.localtime(entry.corrects.occurred_at).strftime("%d/%m/%Y")}
    if entry.published_meanwhile:
        return _("The lot was published while this entry waited to be sent: it is kept as a new draft for the co-op.")
    return _("Entry saved as a draft; the co-op will review and publish it.")


@login_required
@idempotent
def lot_diary(
    request: HttpRequest, lot_id: int, details_form: LotDetailsForm | None = None,
    english_form: EventEnglishForm | None = None,
) -> HttpResponse:
    """The lot's entries (each with its English form), its checks and details, and the entry form;
    a details or English form that failed comes back here with its errors."""
    lot = _lot(request, lot_id)
    entering = details_form is None and english_form is None
    form = DiaryEventForm(request.POST or None, request.FILES or None) if entering else DiaryEventForm()
    wants_json = request.headers.get("x-requested-with") == "XMLHttpRequest"
    if entering and request.method == "POST" and form.is_valid():
        entry = late_entries.record_late_entry(
            lot=lot, seen_sequence=_seen_sequence(request), kind=form.cleaned_data["kind"],
            occurred_at=form.cleaned_data["occurred_at"], accepted=form.accepted_attachment,
            recorded_by=request.user, **form.event_fields(),
        )
        assisted.entry_note(
            acting=acting_for(request), kind=assisted.Kind.DIARY_EVENT, diary_event=entry.event,
            summary=entry.event.get_kind_display(),
        )
        message = _late_entry_message(entry)
        messages.success(request, message)
        if wants_json:
            corrects = entry.corrects.pk if entry.corrects else None
            return JsonResponse({"message": message, "event": entry.event.pk, "corrects": corrects}, status=201)
        return redirect("traceability:lot_diary", lot_id=lot.pk)
    if entering and request.method == "POST" and wants_json:
        errors = {field: [str(error) for error in field_errors] for field, field_errors in form.errors.items()}
        return JsonResponse({"errors": errors}, status=400)
    details_form = details_form or _lot_details_form(lot)
    events = selectors.lot_events_with_files(lot=lot)
    for event in events:
        failed = english_form is not None and english_form.instance.pk == event.pk
        event.english_form = english_form if failed else EventEnglishForm(event=event)
    context = {
        "lot": lot,
        "events": events,
        "checks": services.compliance_checks(lot=lot),
        "form": form,
        "details_form": details_form,
        "can_publish": selectors.can_publish(request.user, lot),
        "trace_path": exports.lot_uri(lot).removeprefix(exports.base_url()),
        "label_form": LabelSheetForm(),
        "scan_total": selectors.scan_totals(lots=[lot]).get(lot.pk, 0),
        "seen_sequence": late_entries.last_published_sequence(lot=lot),
    }
    status = 400 if form.errors or details_form.errors or (english_form and english_form.errors) else 200
    return render(request, "traceability/diary/lot_diary.html", context, status=status)


@login_required
@require_POST
def lot_details(request: HttpRequest, lot_id: int) -> HttpResponse:
    """The producer sets the lot's production and packing dates and standards until it is published,
    and the English name of its facility at any time."""
    lot = _lot(request, lot_id)
    form = _lot_details_form(lot, request.POST)
    if not form.is_valid():
        return lot_diary(request, lot_id, details_form=form)
    record = {name: form.cleaned_data[name] for name in LotDetailsForm.RECORD_FIELDS if name in form.cleaned_data}
    try:
        if record:
            services.update_lot(lot=lot, **record)
        if "facility_name_en" in form.cleaned_data:
            services.translate_facility(facility=lot.facility, name_en=form.cleaned_data["facility_name_en"])
    except services.RecordLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Lot details saved."))
    return redirect("traceability:lot_diary", lot_id=lot.pk)


@login_required
def correct_event(request: HttpRequest, lot_id: int, event_id: int) -> HttpResponse:
    lot = _lot(request, lot_id)
    event = _event(request, lot, event_id)
    if not event.is_published:
        raise Http404("drafts are edited, not corrected")
    initial = {name: getattr(event, name) for name in services.EVENT_FIELDS if name != "analytes"}
    initial.update(kind=event.kind, occurred_at=event.occurred_at, note="")
    initial["analytes"] = "\n".join(
        f"{a.get('name')}; {a.get('result')}; {a.get('limit')}; {a.get('unit', '')}" for a in event.analytes
    )
    form = DiaryEventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = form.event_fields()
        note = fields.pop("note") or _("Correction")
        correction = services.correct_event(event=event, note=note, recorded_by=request.user,
                                            occurred_at=form.cleaned_data["occurred_at"], **fields)
        assisted.entry_note(
            acting=acting_for(request), kind=assisted.Kind.DIARY_EVENT, diary_event=correction,
            summary=_("Correction: %(kind)s") % {"kind": correction.get_kind_display()},
        )
        messages.success(request, _("Correction saved as a draft; the original entry stays in the record."))
        return redirect("traceability:lot_diary", lot_id=lot.pk)
    context = {"lot": lot, "event": event, "form": form}
    status = 400 if form.errors else 200
    return render(request, "traceability/diary/correct_event.html", context, status=status)


@login_required
@require_POST
def translate_event(request: HttpRequest, lot_id: int, event_id: int) -> HttpResponse:
    """The entry's keeper gives its free texts their English, published or not: outside the seal."""
    lot = _lot(request, lot_id)
    event = _event(request, lot, event_id)
    form = EventEnglishForm(request.POST, event=event)
    if not form.is_valid():
        return lot_diary(request, lot_id, english_form=form)
    services.translate_event(event=event, **form.cleaned_data)
    messages.success(request, _("English text saved; the signed Vietnamese record is unchanged."))
    return redirect(f"{reverse('traceability:lot_diary', kwargs={'lot_id': lot.pk})}#event-{event.pk}")


@login_required
@require_POST
def delete_draft(request: HttpRequest, lot_id: int, event_id: int) -> HttpResponse:
    lot = _lot(request, lot_id)
    event = _event(request, lot, event_id)
    try:
        services.delete_draft_event(event=event)
    except services.RecordLocked as error:
        messages.error(request, str(error))
    return redirect("traceability:lot_diary", lot_id=lot.pk)


@login_required
@require_POST
def publish(request: HttpRequest, lot_id: int) -> HttpResponse:
    lot = _lot(request, lot_id)
    if not selectors.can_publish(request.user, lot):
        raise PermissionDenied(_("Only the co-op or staff publish a lot's record."))
    try:
        services.publish_lot(lot=lot)
    except services.ComplianceFailed as failure:
        for check in failure.checks:
            messages.error(request, check.message)
    else:
        messages.success(request, _("Published. The trace page shows the new entries now."))
    return redirect("traceability:lot_diary", lot_id=lot.pk)


@login_required
def label_sheet(request: HttpRequest, lot_id: int) -> HttpResponse:
    lot = _lot(request, lot_id)
    form = LabelSheetForm(request.GET)
    if not form.is_valid():
        return HttpResponse(str(form.errors), status=400, content_type="text/plain; charset=utf-8")
    pages = labels.label_sheets(
        uri=exports.label_uri(lot),
        title=lot.product.title,
        lot_line=_("Lot: %(code)s") % {"code": lot.code},
        best_before_line=labels.date_line(lot),
        count=form.cleaned_data["count"],
    )
    if form.cleaned_data["format"] == "png" and len(pages) > 1:
        response = HttpResponse(labels.sheet_png_zip(pages, name=f"labels-{lot.pk}"), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="labels-{lot.pk}.zip"'
    elif form.cleaned_data["format"] == "png":
        response = HttpResponse(labels.page_png(pages[0]), content_type="image/png")
        response["Content-Disposition"] = f'inline; filename="labels-{lot.pk}.png"'
    else:
        response = HttpResponse(labels.sheet_pdf(pages), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="labels-{lot.pk}.pdf"'
    return response


@login_required
def national_record(request: HttpRequest, lot_id: int, file_format: str) -> HttpResponse:
    """A published lot's record for the national traceability portal, as JSON or CSV."""
    lot = _lot(request, lot_id)
    record = selectors.trace_record(gtin=lot.gtin, code=lot.code)
    if record is None:
        raise Http404(_("Only a published lot can be exported."))
    name = f"trace-record-{lot.gtin}-{lot.pk}"
    if file_format == "json":
        body = json.dumps(record_items.national_record(record), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json")
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=record_items.CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(record_items.national_record_rows(record))
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
