"""The producer's diary form: one simple form for every kind of entry, easy on a phone."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.uploads import UploadRejected

from .models import DiaryEvent

ANALYTES_HELP = _("One line per analyte: name; result; limit; unit — e.g. Chlorpyrifos; 0.01; 0.05; mg/kg")


Kind = DiaryEvent.Kind
#: The fields each kind of entry uses, beside what happened, when, the notes and a photo. The form
#: shows only these (static/traceability/diary_form.js hides the others; without scripts all show)
#: and keeps only these: a value typed under another kind is not saved.
FIELDS_BY_KIND = {
    Kind.PLANTING: ("quantity", "quantity_unit"),
    Kind.INPUT: (
        "input_kind", "input_product", "input_product_en", "dose", "dose_en", "pre_harvest_interval_days",
        "quantity", "quantity_unit",
    ),
    Kind.HARVEST: ("quantity", "quantity_unit"),
    Kind.PROCESSING: ("step", "measurement", "measurement_unit"),
    Kind.LAB_TEST: ("laboratory", "analytes"),
    Kind.PACKING: ("quantity", "quantity_unit"),
    Kind.SHIPPING: ("quantity", "quantity_unit"),
}
COMMON_FIELDS = ("note", "note_en")
#: The id of the list of known units the unit fields suggest (``units.UNIT_LABELS``).
UNITS_LIST = "diary-units"


class DiaryEventForm(forms.Form):
    """What happened, when, what and how much, and a photo; only the fields of the chosen kind."""

    kind = forms.ChoiceField(label=_("What happened"), choices=DiaryEvent.Kind.choices)
    occurred_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    note = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note_en = forms.CharField(
        label=_("Notes in English (optional)"), required=False,
        help_text=_("Buyers abroad read this on the trace page; the Vietnamese notes stay the record."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    quantity = forms.DecimalField(
        label=_("How much"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    quantity_unit = forms.CharField(
        label=_("Unit"), required=False, max_length=16, initial="kg",
        widget=forms.TextInput(attrs={"list": UNITS_LIST}),
    )
    input_kind = forms.ChoiceField(
        label=_("Fertiliser or spray"), required=False, choices=[("", "—"), *DiaryEvent.InputKind.choices]
    )
    input_product = forms.CharField(label=_("Product applied"), required=False, max_length=160)
    input_product_en = forms.CharField(
        label=_("Product applied, in English (optional)"), required=False, max_length=160,
        help_text=_("For buyers abroad; the Vietnamese name stays the record."),
    )
    dose = forms.CharField(label=_("Dose"), required=False, max_length=80)
    dose_en = forms.CharField(
        label=_("Dose, in English (optional)"), required=False, max_length=80,
        help_text=_("For buyers abroad, e.g. 1.5 t/ha; the Vietnamese dose stays the record."),
    )
    pre_harvest_interval_days = forms.IntegerField(
        label=_("Pre-harvest interval (days, from the label)"), required=False, min_value=0, max_value=365
    )
    step = forms.ChoiceField(
        label=_("Processing step"), required=False, choices=[("", "—"), *DiaryEvent.Step.choices]
    )
    measurement = forms.DecimalField(
        label=_("Measured value"), required=False, max_digits=8, decimal_places=2
    )
    measurement_unit = forms.CharField(
        label=_("Measured unit"), required=False, max_length=16, widget=forms.TextInput(attrs={"list": UNITS_LIST}),
    )
    laboratory = forms.CharField(label=_("Laboratory"), required=False, max_length=160)
    analytes = forms.CharField(
        label=_("Lab results"), required=False, help_text=ANALYTES_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo = forms.FileField(
        label=_("Photo or document"), required=False,
        help_text=_("A photo (JPEG, PNG, HEIC, WebP) or a PDF document of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/heic,image/webp,application/pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["data-event-kind"] = ""
        for name, field in self.fields.items():
            kinds = [kind for kind, names in FIELDS_BY_KIND.items() if name in names]
            if kinds:
                field.widget.attrs["data-event-kinds"] = " ".join(kinds)

    def clean_photo(self):
        """Check the file against the upload policy now, so a refused file saves nothing."""
        from .services import accept_attachment

        upload = self.cleaned_data.get("photo")
        self.accepted_attachment = None
        if upload:
            try:
                self.accepted_attachment = accept_attachment(upload)
            except UploadRejected as error:
                raise forms.ValidationError(str(error), code="file_refused") from error
        return upload

    def clean_occurred_at(self):
        moment = self.cleaned_data["occurred_at"]
        if moment > timezone.now() + timezone.timedelta(hours=1):
            raise forms.ValidationError(_("This date is in the future."))
        return moment

    def clean_analytes(self):
        rows = []
        for number, line in enumerate((self.cleaned_data.get("analytes") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            if len(parts) not in (3, 4) or not parts[0]:
                raise forms.ValidationError(_("Line %(n)s: write name; result; limit; unit.") % {"n": number})
            try:
                Decimal(parts[1]), Decimal(parts[2])
            except InvalidOperation as error:
                raise forms.ValidationError(
                    _("Line %(n)s: result and limit must be numbers.") % {"n": number}
                ) from error
            rows.append({"name": parts[0], "result": parts[1], "limit": parts[2],
                         "unit": parts[3] if len(parts) == 4 else ""})
        return rows

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == DiaryEvent.Kind.INPUT:
            if not data.get("input_product"):
                self.add_error("input_product", _("Say which product was applied."))
            if not data.get("input_kind"):
                self.add_error("input_kind", _("Say whether it was a fertiliser or a spray."))
            is_spray = data.get("input_kind") == DiaryEvent.InputKind.SPRAY
            if is_spray and data.get("pre_harvest_interval_days") is None:
                self.add_error("pre_harvest_interval_days", _("A spray needs its pre-harvest interval."))
        if kind == DiaryEvent.Kind.PROCESSING and not data.get("step"):
            self.add_error("step", _("Say which processing step."))
        if kind == DiaryEvent.Kind.HARVEST and data.get("quantity") is None:
            self.add_error("quantity", _("Say how much was harvested."))
        if kind == DiaryEvent.Kind.LAB_TEST and not data.get("analytes"):
            self.add_error("analytes", _("Enter at least one lab result."))
        return data

    def event_fields(self) -> dict:
        """The cleaned values as keyword arguments for ``services.record_event``."""
        data = self.cleaned_data
        used = set(COMMON_FIELDS) | set(FIELDS_BY_KIND.get(data.get("kind"), ()))
        names = ["note", "note_en", "quantity", "quantity_unit", "input_kind", "input_product", "input_product_en",
                 "dose", "dose_en", "pre_harvest_interval_days", "step", "measurement", "measurement_unit",
                 "laboratory", "analytes"]
        fields = {name: data.get(name) if name in used else None for name in names}
        for name in ("note", "note_en", "quantity_unit", "input_kind", "input_product", "input_product_en", "dose",
                     "dose_en", "step", "measurement_unit", "laboratory"):
            fields[name] = fields[name] or ""
        fields["analytes"] = fields["analytes"] or []
        return fields


#: One declared standard: its series (national TCVN, technical regulation QCVN, the producer's own
#: TCCS) and its number, e.g. "TCVN 11250:2015", "QCVN 8-2:2011/BYT", "TCCS 01:2024/ĐT".
STANDARD = re.compile(r"^(TCVN|QCVN|TCCS)\s+\w[\w.:/-]*$", re.IGNORECASE)


class LotDetailsForm(forms.Form):
    """What the national trace record asks of a lot and only its producer knows: when it was
    made and packed, and the standards the producer declares for it (Circular 02/2024 Art. 6);
    also, published or not, the English name of its facility for buyers abroad."""

    produced_on = forms.DateField(
        label=_("Production date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    packed_on = forms.DateField(
        label=_("Packing date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    standards_applied = forms.CharField(
        label=_("Standards applied"), required=False, max_length=240,
        help_text=_("TCVN, QCVN or TCCS with their numbers, separated by “;” — e.g. TCVN 11250:2015; TCCS 01:2024"),
    )

    facility_name_en = forms.CharField(
        label=_("Facility name in English (optional)"), required=False, max_length=160,
        help_text=_("For buyers abroad; the Vietnamese name stays the record."),
    )

    #: What the lot's published header fixes: kept only while the lot is a draft.
    RECORD_FIELDS = ("produced_on", "packed_on", "standards_applied")

    def __init__(self, *args, lot, **kwargs):
        self.lot = lot
        super().__init__(*args, **kwargs)
        if lot.is_published:
            for name in self.RECORD_FIELDS:
                del self.fields[name]
        if not lot.facility_id:
            del self.fields["facility_name_en"]

    def _not_in_future(self, name):
        day = self.cleaned_data.get(name)
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return day

    def clean_produced_on(self):
        return self._not_in_future("produced_on")

    def clean_packed_on(self):
        return self._not_in_future("packed_on")

    def clean_standards_applied(self):
        items = [item.strip() for item in re.split(r"[;,\n]", self.cleaned_data.get("standards_applied") or "")]
        items = [" ".join(item.split()) for item in items if item]
        wrong = [item for item in items if not STANDARD.match(item)]
        if wrong:
            raise forms.ValidationError(
                _("“%(item)s” is not a standard: write TCVN, QCVN or TCCS and its number, e.g. TCVN 11250:2015.")
                % {"item": wrong[0]}
            )
        return "; ".join(item[:4].upper() + item[4:] for item in items)

    def clean(self):
        data = super().clean()
        if self.lot.is_published and any(self.add_prefix(name) in self.data for name in self.RECORD_FIELDS):
            raise forms.ValidationError(
                _("Lot %(lot)s is published and can no longer be changed.") % {"lot": self.lot.code}
            )
        produced, packed, harvested = data.get("produced_on"), data.get("packed_on"), self.lot.harvested_on
        if produced and harvested and produced < harvested:
            self.add_error("produced_on", _("Production cannot come before the harvest (%(day)s).")
                           % {"day": f"{harvested:%d/%m/%Y}"})
        if packed and produced and packed < produced:
            self.add_error("packed_on", _("Packing cannot come before production."))
        return data


class LabelSheetForm(forms.Form):
    count = forms.IntegerField(label=_("Number of labels"), min_value=1, max_value=200, initial=10)
    format = forms.ChoiceField(label=_("File"), choices=[("pdf", "PDF"), ("png", "PNG")], initial="pdf")


class EventEnglishForm(forms.ModelForm):
    """The English of one entry's free texts, published or not: a reading aid outside the seal.

    Offers only the texts the entry has in Vietnamese; it saves nothing itself (the view hands
    its data to ``services.translate_event``). Each entry's form has its own prefix."""

    class Meta:
        model = DiaryEvent
        fields = ["note_en", "input_product_en", "dose_en"]
        widgets = {"note_en": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, event: DiaryEvent, **kwargs):
        super().__init__(*args, instance=event, prefix=f"english-{event.pk}", **kwargs)
        for name in list(self.fields):
            if not getattr(event, name.removesuffix("_en")):
                del self.fields[name]
