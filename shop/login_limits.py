"""Login limiting for every login form of the site, through django-axes in the authentication layer.

Axes sits first in ``AUTHENTICATION_BACKENDS``, so every ``authenticate()`` call is checked,
whichever form makes it: the storefront, the portal, the dashboard, the page editor, Wagtail's
private-page login. Failures are counted in the database (shared by every web process) per
account name *and* client address together: nobody can lock another person out from elsewhere.
A POST without a valid CSRF token is refused before it reaches ``authenticate()``, so it never
counts. Setting a new password (a reset link, or a password change) ends the lockout.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse


class LoginLimitBackend(AxesStandaloneBackend):
    """Axes' check for every login form; a call without a request is not a login form.

    Oscar logs a new customer in right after registration with ``authenticate()`` and no
    request: there is nothing to limit there, and Axes alone would refuse it with an error.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_address(request) -> str:
    """The client's address: from the trusted proxy's header when one is configured, else the socket's.

    ``CLIENT_ADDRESS_HEADER`` names the header that the proxy in front of the shop sets (for
    example ``X-Forwarded-For``); the last address in it is the one that proxy saw, so what a
    client writes into the header itself is ignored.
    """
    header = getattr(settings, "CLIENT_ADDRESS_HEADER", "")
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        values = [v.strip() for v in request.META.get(key, "").split(",") if v.strip()]
        if values:
            return values[-1]
    return request.META.get("REMOTE_ADDR", "")


def login_username(request, credentials: dict | None) -> str:
    """The account name tried, as one key whatever its case or spaces (e-mail or username)."""
    if credentials:
        name = credentials.get("username") or credentials.get("email") or ""
    else:
        data = request.POST
        name = data.get("username") or data.get("login-username") or ""
    return str(name).strip().lower()


def lockout_response(request, original_response, credentials):
    """429 with the wait and the way out (a password reset), in the visitor's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "reset_url": reverse("password-reset")}
    response = render(request, "portal/too_many_logins.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response


def end_lockout(user) -> None:
    """Forget the failed attempts of the user's account names (they proved who they are)."""
    from axes.utils import reset

    for name in {user.get_username().lower(), (user.email or "").lower()} - {""}:
        reset(username=name)


class EndLockoutOnNewPassword:
    """A password "validator" whose only work is Django's ``password_changed`` hook.

    Django calls it whenever a user's password is saved (reset link, change form, admin), the
    one place every new password passes; it validates nothing.
    """

    def validate(self, password, user=None) -> None:
        return None

    def password_changed(self, password, user=None) -> None:
        if user is not None and user.pk:
            end_lockout(user)

    def get_help_text(self) -> str:
        return ""
