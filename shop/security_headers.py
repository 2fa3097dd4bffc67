"""Headers every answer of the shop owes its visitors: what the browser may use, what it may keep.

Pages about a person, an order or a producer's business (portal, co-op, dashboard, page editor,
diary, accounts, basket, checkout, signed order and tracking links, exports) are marked
``Cache-Control: private, no-store``: no shared proxy and no browser history keeps them. Any other
page shown to a logged-in visitor gets the same unless its view declared it public. Every answer
carries a Permissions-Policy that turns off the device features the shop never uses.
"""

import re

from django.conf import settings

PRIVATE_PATHS = re.compile(
    r"^/(?:en/)?(?:portal|coop|dashboard|cms-admin|trace/diary|payments/order|track"
    r"|shop/accounts|shop/basket|shop/checkout|shop/password-reset)(?:/|$)"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=(), hid=(), "
    'midi=(), magnetometer=(), gyroscope=(), accelerometer=(), payment=(self "https://js.stripe.com")'
)
NO_STORE = "private, no-store"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if PRIVATE_PATHS.match(request.path_info):
            response["Cache-Control"] = NO_STORE
        elif _logged_in(request) and "public" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = NO_STORE
        return response


def _logged_in(request) -> bool:
    """Without touching the session store when the visitor has no session cookie."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)
