"""Password resets that neither reveal who has an account nor let anyone flood an inbox.

Every valid request gets the same answer and does the same work in the request, whether or not
the address has an account: it queues one ``send_password_reset`` task, and the worker looks
the address up and sends the link (the same page, the same queries, the same timing order).
Requests are counted per address and per client address in the shared cache (Redis in
production, so every web process sees one count); past the limit the form says to wait,
again the same for known and unknown addresses.
"""

import hashlib
import logging

from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from oscar.apps.customer.forms import PasswordResetForm as OscarPasswordResetForm

from .login_limits import client_address

logger = logging.getLogger(__name__)


def _within_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one more request under ``key`` for ``window`` seconds; False past ``limit``."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count is None or count <= limit


def reset_allowed(*, email: str, address: str) -> bool:
    """May one more reset be asked for ``email`` from ``address``? Counts the request."""
    window = settings.PASSWORD_RESET_WINDOW_SECONDS
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_email = _within_limit(f"password-reset:email:{email_key}", limit=settings.PASSWORD_RESET_PER_ADDRESS,
                             window=window)
    by_client = _within_limit(f"password-reset:client:{address}", limit=settings.PASSWORD_RESET_PER_CLIENT,
                              window=window)
    return by_email and by_client


class ThrottledPasswordResetForm(OscarPasswordResetForm):
    """Oscar's reset form, limited per address and per client, sending from the task worker."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and self.request is not None:
            if not reset_allowed(email=email, address=client_address(self.request)):
                logger.warning("password reset refused: too many requests")
                raise forms.ValidationError(
                    _("Too many password reset requests. Please wait an hour, then try again."),
                    code="throttled",
                )
        return cleaned

    def save(self, *args, **kwargs):
        send_password_reset.enqueue(email=self.cleaned_data["email"])


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view giving the form its request (for the client address)."""

    form_class = ThrottledPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


@task()
def send_password_reset(*, email: str) -> int:
    """Send a reset link to each active account of ``email`` (none for an unknown address)."""
    form = OscarPasswordResetForm(data={"email": email})
    if not form.is_valid():
        return 0
    site = Site.objects.get_current()
    users = list(form.get_users(email))
    for user in users:
        form.send_password_reset_email(site, user)
    return len(users)
