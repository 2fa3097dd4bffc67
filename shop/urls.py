"""URL map of the market (the contract in DESIGN.md): fixed paths first, Wagtail's catch-all last."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import routing
from discovery import views as discovery_views
from jobs import urls as jobs_urls
from offline import views as offline_views
from payments import urls as payments_urls
from traceability import key_views as traceability_keys
from traceability.urls import file_patterns as traceability_files
from traceability.urls import resolver_patterns as traceability_resolver
from zalo import urls as zalo_urls

from . import health, logout, media, views

urlpatterns = [
    path("readyz", health.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("cms-admin/logout/", logout.PageEditorLogoutView.as_view(), name="wagtailadmin_logout"),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", discovery_views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # One service worker for every language, allowed the whole site (the diary is under /trace/).
    path("portal/sw.js", offline_views.service_worker, name="portal_service_worker"),
    path("", include((traceability_resolver, "traceability_resolver"))),
    path(".well-known/trace-signing-key", traceability_keys.signing_key, name="trace_signing_key"),
    path("trace/files/", include((traceability_files, "traceability_files"))),
    path("payments/", include((payments_urls.webhook_patterns, "payments_webhooks"))),
    path("zalo/", include((zalo_urls.webhook_patterns, "zalo_webhooks"))),
]

urlpatterns += i18n_patterns(
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("payments/", include((payments_urls.page_patterns, "payments"))),
    path("dashboard/payments/", include((payments_urls.dashboard_patterns, "payments_dashboard"))),
    path("dashboard/jobs/", include((jobs_urls.dashboard_patterns, "jobs_dashboard"))),
    path("dashboard/zalo/", include((zalo_urls.dashboard_patterns, "zalo_dashboard"))),
    path("zalo/", include((zalo_urls.page_patterns, "zalo"))),
    path("dashboard/", apps.get_app_config("dashboard").urls),
    path("coop/", include("coops.urls")),
    path("track/", include("fulfilment.urls")),
    path("portal/", include("offline.urls")),
    path("portal/", include("portal.urls")),
    path("trace/diary/", include("traceability.urls")),
    path("search/", include("discovery.urls")),
    # Wagtail's own paths, with its page view routed through the cache (cms.routing)
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

if not settings.MEDIA_ON_OBJECT_STORAGE:
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.media_file, name="media"))
