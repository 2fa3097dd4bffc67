"""Orders: Oscar's order models, forked so an order carries its customer's language, its status
history says who moved it and why, and its communication log says what was sent and what waits.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import (
    AbstractCommunicationEvent,
    AbstractOrder,
    AbstractOrderStatusChange,
)


class Order(AbstractOrder):
    """Oscar's order, with the language its customer placed it in (their e-mails use it), and the
    staff member who placed it when a buyer ordered by phone or message."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("placed by staff"),
        help_text=_("The staff member who placed the order for a buyer who called or wrote; empty when the buyer did."),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    def set_status(self, new_status, *, by=None, note: str = ""):
        """Oscar's move along the pipeline (lines cascade), recording who made it and why."""
        self._status_change_author = (by, note)
        try:
            super().set_status(new_status)
        finally:
            del self._status_change_author

    set_status.alters_data = True

    def _create_order_status_change(self, old_status, new_status):
        by, note = getattr(self, "_status_change_author", (None, ""))
        self.status_changes.create(
            old_status=old_status, new_status=new_status, changed_by=by, note=(note or "")[:255]
        )


class OrderStatusChange(AbstractOrderStatusChange):
    """One move of an order along its pipeline, with the person who made it and a note."""

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta(AbstractOrderStatusChange.Meta):
        indexes = [models.Index(fields=["new_status", "date_created"], name="order_status_new_date")]


class CommunicationEvent(AbstractCommunicationEvent):
    """One message about the order: written when the change it tells of commits, sent by a task.

    ``sent_at`` stays empty while the mail server refuses it; the message is retried until sent.
    """

    recipient = models.CharField(_("recipient"), max_length=254, blank=True)
    context = models.JSONField(_("details"), default=dict, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta(AbstractCommunicationEvent.Meta):
        indexes = [models.Index(fields=["sent_at", "date_created"], name="order_comm_unsent")]

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


from oscar.apps.order.models import *  # noqa: E402, F403
