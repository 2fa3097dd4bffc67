"""Django admin for the traceability records: read-only once published (the services enforce it)."""

from django.contrib import admin

from .models import Certificate, DiaryEvent, Facility, GrowingArea, Lot, ScanCount, Transformation


@admin.register(GrowingArea)
class GrowingAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "crop"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "gln", "producer"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["kind", "number", "issuer", "valid_from", "valid_to"]


@admin.register(Lot)
class LotAdmin(admin.ModelAdmin):
    list_display = ["code", "gtin", "product", "harvested_on", "best_before", "published_at"]
    readonly_fields = ["published_at", "header_hash"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published


@admin.register(DiaryEvent)
class DiaryEventAdmin(admin.ModelAdmin):
    list_display = ["lot", "kind", "occurred_at", "sequence"]
    readonly_fields = ["sequence", "previous_hash", "hash", "epcis_event_id"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_published


admin.site.register(Transformation)
admin.site.register(ScanCount)
