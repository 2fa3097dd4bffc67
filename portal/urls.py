"""URLs of the producer portal, mounted at /portal/ (with the language prefix for English)."""

from django.contrib.auth.views import LogoutView
from django.urls import path, reverse_lazy

from . import assisted_views, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(next_page=reverse_lazy("portal:login")), name="logout"),
    path("set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set-password"),
    path("products/", views.product_list, name="product-list"),
    path("products/add/", views.product_add_choose, name="product-add-choose"),
    path("products/add/<slug:class_slug>/", views.product_add, name="product-add"),
    path("products/<int:pk>/", views.product_edit, name="product-edit"),
    path("products/<int:pk>/publish/", views.product_publish, name="product-publish"),
    path("products/<int:pk>/stock/", views.product_stock, name="product-stock"),
    path("products/<int:pk>/photos/", views.photos, name="photos"),
    path("products/<int:pk>/photos/upload/", views.photo_upload, name="photo-upload"),
    path("products/<int:pk>/photos/<int:photo_pk>/move/", views.photo_move, name="photo-move"),
    path("products/<int:pk>/photos/<int:photo_pk>/primary/", views.photo_primary, name="photo-primary"),
    path("products/<int:pk>/photos/<int:photo_pk>/delete/", views.photo_delete, name="photo-delete"),
    path("products/import/", views.product_import, name="import"),
    path("products/import/confirm/", views.product_import_confirm, name="import-confirm"),
    path("products/export.<str:fmt>", views.product_export, name="export"),
    path("orders/", views.order_list, name="order-list"),
    path("orders/<str:number>/", views.order_detail, name="order-detail"),
    path("lines/<int:line_pk>/packed/", views.line_packed, name="line-packed"),
    path("entered-for-you/", assisted_views.entry_list, name="assisted-entries"),
    path("entered-for-you/<int:pk>/object/", assisted_views.entry_object, name="assisted-object"),
    path("staff/invite/", views.invite, name="invite"),
    path("staff/claims/", views.claims, name="claims"),
    path("staff/claims/<int:pk>/", views.claim_review, name="claim-review"),
]
