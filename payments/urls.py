"""Payment addresses: buyer pages (language-prefixed) and provider webhooks (fixed, no prefix)."""

from django.urls import path

from . import dashboard_views, views

page_patterns = [
    path("order/<str:token>/", views.order_payment, name="order"),
    path("order/<str:token>/status.json", views.order_status, name="status"),
    path("order/<str:token>/card/", views.card_confirm, name="card-confirm"),
    path("order/<str:token>/vietqr/", views.switch_to_vietqr, name="switch-to-vietqr"),
]

dashboard_patterns = [
    path("transfers/", dashboard_views.transfer_list, name="transfers"),
    path("transfers/<int:pk>/match/", dashboard_views.transfer_match, name="transfer-match"),
    path("refunds-due/<int:pk>/settle/", dashboard_views.refund_due_settle, name="refund-due-settle"),
    path("order/<str:number>/", dashboard_views.order_payment_admin, name="order-admin"),
]

webhook_patterns = [
    path("bank/webhook/", views.bank_webhook, name="bank-webhook"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
    path("momo/ipn/", views.momo_ipn, name="momo-ipn"),
    path("zalopay/callback/", views.zalopay_callback, name="zalopay-callback"),
]
