"""Addresses of the Zalo channel: its webhook (no language prefix), the buyer's choice on the
order page, and the dashboard's screens."""

from django.urls import path

from . import profiles, views, webhook

webhook_patterns = [path("webhook/", webhook.zalo_event, name="event")]

page_patterns = [
    path("order/<str:token>/", views.order_zalo_choice, name="order-choice"),
    path("producer/", profiles.producer_zalo, name="producer"),
    path("coop/<slug:slug>/", profiles.coop_zalo, name="coop"),
]

dashboard_patterns = [
    path("", views.template_list, name="templates"),
    path("<int:pk>/", views.template_list, name="template-edit"),
    path("preview/", views.preview_card, name="preview"),
]
