"""Login rate limit shared by the portal's and the storefront's login forms.

Failed attempts are counted in the cache per address and per account name; past the limit,
a login POST is answered 429 until the window ends, whatever the password. Counting happens
around the view so that neither Oscar's nor Django's login view needs changing.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

#: URL names whose POSTs are login attempts, and the form field holding the account name.
LOGIN_VIEWS = {"customer:login": "login-username", "portal:login": "username"}


def _limits() -> tuple[int, int, int]:
    per_account, per_address, window = getattr(settings, "LOGIN_RATE_LIMIT", (5, 20, 900))
    return per_account, per_address, window


def _keys(request, field: str) -> tuple[str, str]:
    address = request.META.get("REMOTE_ADDR", "")
    account = request.POST.get(field, "").strip().lower()
    digest = hashlib.sha256(account.encode()).hexdigest()[:32]
    return f"login-fail:account:{digest}", f"login-fail:address:{address}"


def login_blocked(request, field: str) -> bool:
    per_account, per_address, _window = _limits()
    account_key, address_key = _keys(request, field)
    return cache.get(account_key, 0) >= per_account or cache.get(address_key, 0) >= per_address


def login_failed(request, field: str) -> None:
    _per_account, _per_address, window = _limits()
    for key in _keys(request, field):
        cache.add(key, 0, window)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, window)


class LoginRateLimitMiddleware:
    """Refuse login POSTs past the limit (429); count each POST that did not log the user in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        field = _login_field(request)
        if field and response.status_code not in (302, 429):
            login_failed(request, field)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        field = _login_field(request)
        if field and login_blocked(request, field):
            body = render_to_string(
                "portal/too_many_logins.html", {"minutes": _limits()[2] // 60}, request=request
            )
            response = HttpResponse(body, status=429)
            response["Retry-After"] = str(_limits()[2])
            return response
        return None


def _login_field(request) -> str | None:
    """The account-name field when this request is a login attempt, else None."""
    match = getattr(request, "resolver_match", None)
    field = LOGIN_VIEWS.get(match.view_name if match else "")
    if request.method != "POST" or field is None:
        return None
    if field == "login-username" and "login_submit" not in request.POST:
        return None
    return field
