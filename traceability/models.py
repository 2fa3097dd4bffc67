"""Where the products come from and what happened to them.

Growing areas and apiaries with their official codes, certificates, lots (GTIN-14 + lot code),
the production diary of each lot (append-only once published, hash-chained per lot),
transformations of lots into lots, daily scan counts and the lot each order line came from.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shop.private_files import private_storage
from shop.uploads import random_name, validate_pdf_document


def certificate_document_name(instance, filename: str) -> str:
    """A random name: nothing of the sender's file name is stored."""
    return random_name("traceability/certificates", "pdf")


class GrowingArea(models.Model):
    """A tea raw-material area or an apiary, as registered with the authorities.

    Its location is the area's centre, never a household's exact position.
    """

    class Kind(models.TextChoices):
        TEA_AREA = "tea_area", _("Tea growing area")
        APIARY = "apiary", _("Apiary")

    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    code = models.CharField(
        _("official code"),
        max_length=64,
        blank=True,
        help_text=_("Growing-area code (mã số vùng trồng) exactly as issued."),
    )
    code_issuer = models.CharField(_("code issued by"), max_length=160, blank=True)
    code_issued_on = models.DateField(_("code issued on"), null=True, blank=True)
    ward_code = models.PositiveIntegerField(_("commune / ward code"), null=True, blank=True)
    crop = models.CharField(_("crop"), max_length=120, blank=True)
    area_hectares = models.DecimalField(
        _("area (ha)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    gln = models.CharField(
        _("GLN"), max_length=13, blank=True,
        help_text=_("GS1 Global Location Number, when the area is registered with GS1."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    coop = models.ForeignKey(
        "coops.Coop",
        verbose_name=_("co-operative"),
        related_name="growing_areas",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("growing area")
        verbose_name_plural = _("growing areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="growing_area_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class Facility(models.Model):
    """Where a lot is processed and packed (a tea workshop, a honey extraction room), a location of its own."""

    name = models.CharField(_("name"), max_length=160)
    name_en = models.CharField(
        _("name in English"), max_length=160, blank=True,
        help_text=_("Shown to English readers of the trace page; the Vietnamese name is the record."),
    )
    address = models.CharField(_("address"), max_length=240, blank=True)
    ward_code = models.PositiveIntegerField(_("commune / ward code"), null=True, blank=True)
    code = models.CharField(
        _("official code"), max_length=64, blank=True,
        help_text=_("Code issued for the facility (e.g. its food-safety certificate or business registration)."),
    )
    gln = models.CharField(_("GLN"), max_length=13, blank=True)
    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), related_name="facilities",
        on_delete=models.SET_NULL, null=True, blank=True,
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class Certificate(models.Model):
    """A certificate (VietGAP, OCOP stars, organic) held by a producer, an area or for a product.

    A lot claims the certificates that covered it; each must be valid on the lot's harvest date.
    """

    class Kind(models.TextChoices):
        VIETGAP = "vietgap", _("VietGAP")
        OCOP = "ocop", _("OCOP stars")
        ORGANIC = "organic", _("Organic")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("certificate number"), max_length=64)
    issuer = models.CharField(_("issued by"), max_length=160)
    scope = models.CharField(_("scope"), max_length=240, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    document = models.FileField(
        _("document"), upload_to=certificate_document_name, storage=private_storage, blank=True,
        validators=[validate_pdf_document], help_text=_("A PDF of at most 10 MB."),
    )
    producer = models.ForeignKey(
        "partner.Partner", verbose_name=_("producer"), related_name="certificates",
        on_delete=models.CASCADE, null=True, blank=True,
    )
    growing_area = models.ForeignKey(
        GrowingArea, verbose_name=_("growing area"), related_name="certificates",
        on_delete=models.CASCADE, null=True, blank=True,
    )
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), related_name="certificates",
        on_delete=models.CASCADE, null=True, blank=True,
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["kind", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="certificate_kind_number_unique"),
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")), name="certificate_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_to


class Lot(models.Model):
    """A batch of one product, identified worldwide by its GTIN-14 and lot code (GS1 AI 01 + 10)."""

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("product"), related_name="lots", on_delete=models.PROTECT
    )
    gtin = models.CharField(_("GTIN-14"), max_length=14)
    code = models.CharField(_("lot code"), max_length=20)
    growing_area = models.ForeignKey(
        GrowingArea, verbose_name=_("growing area"), related_name="lots",
        on_delete=models.PROTECT, null=True, blank=True,
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, null=True, blank=True)
    quantity_unit = models.CharField(_("unit"), max_length=16, default="kg")
    units_packed = models.PositiveIntegerField(_("packages packed"), default=0)
    units_allocated = models.PositiveIntegerField(_("packages allocated to orders"), default=0)
    harvested_on = models.DateField(_("harvest date"), null=True, blank=True)
    best_before = models.DateField(_("best before"), null=True, blank=True)
    produced_on = models.DateField(_("production date"), null=True, blank=True)
    packed_on = models.DateField(_("packing date"), null=True, blank=True)
    facility = models.ForeignKey(
        Facility, verbose_name=_("processing and packing facility"), related_name="lots",
        on_delete=models.PROTECT, null=True, blank=True,
    )
    standards_applied = models.CharField(
        _("standards applied"), max_length=240, blank=True,
        help_text=_("The standards the producer declares for the product (TCVN, QCVN, TCCS), e.g. TCVN 11250:2015."),
    )
    certificates = models.ManyToManyField(
        Certificate, verbose_name=_("certificates"), related_name="lots", blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    header_hash = models.CharField(_("record header hash"), max_length=64, blank=True, editable=False)
    seal = models.TextField(
        _("signed seal"), blank=True, editable=False,
        help_text=_("What the signature covers: header and head hashes, entry count, certificates."),
    )
    seal_signature = models.CharField(_("seal signature (Ed25519)"), max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["-harvested_on", "code"]
        constraints = [models.UniqueConstraint(fields=["gtin", "code"], name="lot_gtin_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} ({self.gtin})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Transformation(models.Model):
    """Lots made from lots: fresh leaf into made tea, several harvests into one blended batch."""

    occurred_at = models.DateTimeField(_("when"))
    description = models.CharField(_("what was done"), max_length=240)
    epcis_event_id = models.UUIDField(_("EPCIS event ID"), default=uuid.uuid4, unique=True, editable=False)
    inputs = models.ManyToManyField(Lot, verbose_name=_("input lots"), related_name="used_in")
    outputs = models.ManyToManyField(Lot, verbose_name=_("output lots"), related_name="made_by")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("transformation")
        verbose_name_plural = _("transformations")
        ordering = ["occurred_at"]

    def __str__(self) -> str:
        return self.description


class DiaryEvent(models.Model):
    """One entry of a lot's production diary, after farmOS's log types.

    Drafts may change; once published an entry carries ``hash`` chained to ``previous_hash``
    (the hash of the entry before it in the same lot) and never changes again: a mistake is
    fixed by a new entry that ``corrects`` it.
    """

    class Kind(models.TextChoices):
        PLANTING = "planting", _("Planting")
        INPUT = "input", _("Fertiliser or spray")
        HARVEST = "harvest", _("Harvest")
        PROCESSING = "processing", _("Processing")
        LAB_TEST = "lab_test", _("Lab test")
        PACKING = "packing", pgettext_lazy("diary event", "Packing")
        SHIPPING = "shipping", _("Shipping")

    class InputKind(models.TextChoices):
        FERTILISER = "fertiliser", _("Fertiliser")
        SPRAY = "spray", _("Spray (plant protection)")

    class Step(models.TextChoices):
        WITHERING = "withering", _("Withering")
        ROLLING = "rolling", _("Rolling")
        DRYING = "drying", _("Drying")
        EXTRACTION = "extraction", _("Honey extraction")
        MOISTURE = "moisture", _("Moisture reading")

    lot = models.ForeignKey(Lot, verbose_name=_("lot"), related_name="events", on_delete=models.PROTECT)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"))
    note = models.TextField(_("what was done"), blank=True)
    note_en = models.TextField(
        _("what was done, in English"), blank=True,
        help_text=_("Shown to English readers of the trace page; the Vietnamese note is the signed record."),
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2, null=True, blank=True)
    quantity_unit = models.CharField(_("unit"), max_length=16, blank=True)
    input_kind = models.CharField(_("input kind"), max_length=16, choices=InputKind.choices, blank=True)
    input_product = models.CharField(_("product applied"), max_length=160, blank=True)
    input_product_en = models.CharField(
        _("product applied, in English"), max_length=160, blank=True,
        help_text=_("Shown to English readers of the trace page; the Vietnamese name is the signed record."),
    )
    dose = models.CharField(_("dose"), max_length=80, blank=True)
    dose_en = models.CharField(
        _("dose, in English"), max_length=80, blank=True,
        help_text=_("Shown to English readers of the trace page; the Vietnamese dose is the signed record."),
    )
    pre_harvest_interval_days = models.PositiveSmallIntegerField(
        _("pre-harvest interval (days)"), null=True, blank=True
    )
    step = models.CharField(_("processing step"), max_length=16, choices=Step.choices, blank=True)
    measurement = models.DecimalField(
        _("measured value"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    measurement_unit = models.CharField(_("measured unit"), max_length=16, blank=True)
    laboratory = models.CharField(_("laboratory"), max_length=160, blank=True)
    analytes = models.JSONField(
        _("lab results"), default=list, blank=True,
        help_text=_('List of {"name", "unit", "limit", "result"}; a result passes when ≤ its limit.'),
    )
    corrects = models.ForeignKey(
        "self", verbose_name=_("corrects"), related_name="corrections",
        on_delete=models.PROTECT, null=True, blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), related_name="+",
        on_delete=models.SET_NULL, null=True, blank=True,
    )
    sequence = models.PositiveIntegerField(_("position in the record"), null=True, blank=True, editable=False)
    previous_hash = models.CharField(_("previous hash"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)
    epcis_event_id = models.UUIDField(
        _("EPCIS event ID"), null=True, blank=True, unique=True, editable=False,
        help_text=_("Given once, when the event is published; it never changes, whatever the domain."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("diary event")
        verbose_name_plural = _("diary events")
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "sequence"], name="diary_event_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"

    @property
    def is_published(self) -> bool:
        return bool(self.hash)


class EventFile(models.Model):
    """A photo or document attached to a diary event; its SHA-256 enters the event's hash."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    event = models.ForeignKey(
        DiaryEvent, verbose_name=_("event"), related_name="files", on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PHOTO)
    file = models.FileField(_("file"), upload_to="traceability/diary/", storage=private_storage)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    caption = models.CharField(_("caption"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("event file")
        verbose_name_plural = _("event files")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.caption or self.file.name


class ScanCount(models.Model):
    """How many times a lot's page was opened on a day. No address, agent or cookie is kept."""

    lot = models.ForeignKey(Lot, verbose_name=_("lot"), related_name="scan_counts", on_delete=models.CASCADE)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("scans"), default=0)

    class Meta:
        verbose_name = _("scan count")
        verbose_name_plural = _("scan counts")
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["lot", "day"], name="scan_count_lot_day_unique")]

    def __str__(self) -> str:
        return f"{self.lot} {self.day}: {self.count}"


class LineLot(models.Model):
    """The lot an order line was allocated from: one step forward from the lot, one back from the order."""

    line = models.OneToOneField(
        "order.Line", verbose_name=_("order line"), related_name="trace_lot", on_delete=models.CASCADE
    )
    lot = models.ForeignKey(Lot, verbose_name=_("lot"), related_name="order_lines", on_delete=models.PROTECT)
    allocated_at = models.DateTimeField(_("allocated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("order line lot")
        verbose_name_plural = _("order line lots")

    def __str__(self) -> str:
        return f"{self.line_id} → {self.lot}"
