"""The installable portal's manifest and offline page, beside the portal's own URLs (/portal/…)."""

from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline_page, name="page"),
]
