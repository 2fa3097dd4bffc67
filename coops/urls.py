"""Addresses of the co-op screens, under /coop/ (with the language prefix for English)."""

from django.urls import path, re_path

from . import member_views, phone_order_views, views

app_name = "coops"

urlpatterns = [
    path("", views.coop_home, name="home"),
    path("<slug:slug>/", views.today, name="today"),
    path("<slug:slug>/orders/", views.order_list, name="order-list"),
    path("<slug:slug>/orders/bulk/", views.order_bulk, name="order-bulk"),
    path("<slug:slug>/orders/<str:number>/", views.order_detail, name="order-detail"),
    path("<slug:slug>/orders/<str:number>/status/", views.order_status, name="order-status"),
    path("<slug:slug>/orders/<str:number>/packing-slip/", views.packing_slip, name="packing-slip"),
    path(
        "<slug:slug>/orders/<str:number>/parcels/<int:producer_id>/pack/",
        views.parcel_pack,
        name="parcel-pack",
    ),
    path(
        "<slug:slug>/orders/<str:number>/parcels/<int:producer_id>/ship/",
        views.parcel_ship,
        name="parcel-ship",
    ),
    path(
        "<slug:slug>/orders/<str:number>/parcels/<int:producer_id>/label/",
        views.shipping_label,
        name="shipping-label",
    ),
    path("<slug:slug>/members/", member_views.member_list, name="members"),
    path("<slug:slug>/members/<int:producer_id>/act/", member_views.act_for, name="act-for"),
    path("<slug:slug>/members/stop/", member_views.stop_acting, name="stop-acting"),
    path("<slug:slug>/phone-orders/new/", phone_order_views.phone_order_new, name="phone-order-new"),
    path("<slug:slug>/phone-orders/<str:number>/", phone_order_views.phone_order_detail, name="phone-order"),
    path(
        "<slug:slug>/phone-orders/<str:number>/send-link/",
        phone_order_views.phone_order_send_link,
        name="phone-order-send-link",
    ),
    path("<slug:slug>/reports/", views.sales_report, name="sales-report"),
    path("<slug:slug>/reports/settlement/", views.settlement_report, name="settlement"),
    re_path(
        r"^(?P<slug>[-\w]+)/reports/(?P<report_name>[-a-z]+)\.(?P<file_format>csv|xlsx)$",
        views.report_export,
        name="report-export",
    ),
]
