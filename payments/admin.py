"""Payments in the Django admin, read-mostly, for support."""

from django.contrib import admin

from .models import BankTransfer, Payment, ProviderEvent, Refund


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["order", "method", "state", "amount", "amount_received", "amount_refunded", "created"]
    list_filter = ["method", "state"]
    search_fields = ["order__number", "reference", "provider_reference"]


@admin.register(BankTransfer)
class BankTransferAdmin(admin.ModelAdmin):
    list_display = ["notification_id", "amount", "content", "outcome", "received"]
    list_filter = ["outcome"]
    search_fields = ["notification_id", "content", "bank_reference"]


admin.site.register(ProviderEvent)
admin.site.register(Refund)
