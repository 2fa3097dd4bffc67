"""Logging out of the shop takes a POST with the visitor's CSRF token, like every other logout.

Oscar's own storefront logout logs out on a GET, so any page (or an image on another site)
could log a customer out. This view is Django's (POST only) with Oscar's clean-up: it goes to
the home page and deletes the cookies Oscar drops on logout (recently viewed products).
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from wagtail.admin.views.account import LogoutView as WagtailLogoutView


class LogoutView(auth_views.LogoutView):
    next_page = settings.OSCAR_HOMEPAGE

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
            response.delete_cookie(cookie)
        return response


class PageEditorLogoutView(WagtailLogoutView):
    """Wagtail's admin logout, which on a GET still deletes the session cookie: refused outright."""

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)
