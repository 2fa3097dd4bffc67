"""Zalo: previews and share links for Zalo chats, "Chat on Zalo" links, and order messages
sent as Zalo Notification Service (ZNS) template messages beside e-mail."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZaloConfig(AppConfig):
    name = "zalo"
    verbose_name = _("Zalo")
    default_auto_field = "django.db.models.AutoField"
