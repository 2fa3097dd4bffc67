"""The idempotency store: each request a phone sent with a key, and the first answer it got."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SentRequest(models.Model):
    """One write sent with an ``Idempotency-Key``; a replay of the key gets ``status``/``body`` back.

    A phone on a dead link queues the write and sends it again until it gets an answer, so the
    same request may arrive twice or more. The key is scoped to the user who sent it; the path
    is kept so that one key cannot stand for two different requests.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), related_name="+", on_delete=models.CASCADE
    )
    key = models.CharField(_("idempotency key"), max_length=64)
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=255)
    status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    content_type = models.CharField(_("response content type"), max_length=100, blank=True)
    location = models.CharField(_("redirected to"), max_length=255, blank=True)
    body = models.BinaryField(_("response body"), blank=True, default=b"")
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("request sent with a key")
        verbose_name_plural = _("requests sent with a key")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="offline_sent_request_key_unique")]
        indexes = [models.Index(fields=["created_at"], name="offline_sent_request_age")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.key})"
