"""Search URLs, mounted at /search/ (and /en/search/)."""

from django.urls import path

from . import views

app_name = "discovery"
urlpatterns = [path("", views.search, name="search")]
