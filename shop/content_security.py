"""The shop's Content-Security-Policy: django-csp's middleware with the shop's allowances.

The strict policy (``CONTENT_SECURITY_POLICY`` in the settings) lets a page run only the shop's
own scripts and inline scripts carrying the request's nonce. The outside sources a page needs
(the card form's script and frames, a wallet's payment page, the share button) are added from
``CSP_ALLOWANCES`` and from the origins of the URL settings named in
``CSP_ORIGINS_FROM_SETTINGS``, read at every request so that a sandbox or a test's stand-in
server is allowed exactly where the real provider would be. The page editor gets its own,
relaxed script policy (``CSP_PAGE_EDITOR_REPLACE``) because Wagtail's admin writes inline scripts.
"""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def origin_of(url: str) -> str:
    """``https://host[:port]`` of a URL; empty for anything that is not an absolute http(s) URL."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def shop_allowances() -> dict[str, list[str]]:
    """The outside origins each directive allows: the fixed ones and those of the URL settings."""
    allowed = {directive: list(origins) for directive, origins in settings.CSP_ALLOWANCES.items()}
    for directive, names in settings.CSP_ORIGINS_FROM_SETTINGS.items():
        for name in names:
            origin = origin_of(str(getattr(settings, name, "") or ""))
            if origin:
                allowed.setdefault(directive, []).append(origin)
    return {directive: origins for directive, origins in allowed.items() if origins}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Adds the shop's allowances to every policy; the page editor's pages get their own."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        parts.update = {**shop_allowances(), **(parts.update or {})}
        if request.path_info.startswith(settings.CSP_PAGE_EDITOR_PREFIX):
            parts.replace = {**settings.CSP_PAGE_EDITOR_REPLACE, **(parts.replace or {})}
        return parts
