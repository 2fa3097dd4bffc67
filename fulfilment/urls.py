"""Address of the customer's tracking page: /track/<signed token>/."""

from django.urls import path

from . import views

app_name = "fulfilment"

urlpatterns = [
    path("<str:token>/", views.track_order, name="track"),
]
