from django.urls import path

from . import views

dashboard_patterns = [
    path("", views.job_list, name="list"),
    path("<uuid:pk>/run-again/", views.job_run_again, name="run-again"),
]
