"""Oscar's storefront configuration, with the dashboard moved out of the shop to /dashboard/ and the
password reset throttled (shop/password_reset.py), the storefront logout by POST only (shop/logout.py)."""

from django.urls import reverse_lazy
from oscar.config import Shop


class StorefrontConfig(Shop):
    def get_urls(self):
        from django.urls import path
        from oscar.views.decorators import login_forbidden

        from .logout import LogoutView
        from .password_reset import PasswordResetView

        self.customer_app.logout_view = LogoutView  # before the customer URLs are built
        urls = [url for url in super().get_urls() if str(url.pattern) != "dashboard/"]
        for position, url in enumerate(urls):
            if getattr(url, "name", None) == "password-reset":
                view = PasswordResetView.as_view(
                    success_url=reverse_lazy("password-reset-done"),
                    template_name="oscar/registration/password_reset_form.html",
                )
                urls[position] = path("password-reset/", login_forbidden(view), name="password-reset")
        return urls

    def ready(self):
        super().ready()
        self.connect_page_cache_invalidation()
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from .sites import sync_site_with_settings

        post_migrate.connect(
            sync_site_with_settings, sender=apps.get_app_config("sites"), dispatch_uid="site-from-site-url"
        )

    @staticmethod
    def connect_page_cache_invalidation() -> None:
        """Connect each change to what public pages show to the page-cache tags it makes stale."""
        from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
        from oscar.core.loading import get_model
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import page_cache

        Product = get_model("catalogue", "Product")
        StockRecord = get_model("partner", "StockRecord")

        def product_loaded(sender, instance, **kwargs):
            page_cache.note_product_loaded(product_id=instance.pk)

        def stock_loaded(sender, instance, **kwargs):
            page_cache.note_product_loaded(product_id=instance.product_id)

        def product_changed(sender, instance, **kwargs):
            page_cache.bump_tags([page_cache.product_tag(instance.pk), page_cache.LISTINGS])

        def stock_changed(sender, instance, signal, created=False, **kwargs):
            tags = [page_cache.product_tag(instance.product_id)]
            if created or signal is post_delete:  # the product may enter or leave the lists
                tags.append(page_cache.LISTINGS)
            page_cache.bump_tags(tags)

        def part_of_product_changed(sender, instance, **kwargs):
            page_cache.bump_tags([page_cache.product_tag(instance.product_id)])

        def lot_changed(sender, instance, **kwargs):  # a published lot's certificates give stars,
            # which listings sort and filter by
            page_cache.bump_tags([page_cache.product_tag(instance.product_id), page_cache.LISTINGS])

        def lot_certificates_changed(sender, instance, **kwargs):
            lot_product = getattr(instance, "product_id", None)  # None: a certificate's lots changed
            tags = [page_cache.product_tag(lot_product), page_cache.LISTINGS] if lot_product else [page_cache.SITE]
            page_cache.bump_tags(tags)

        def listings_changed(sender, **kwargs):
            page_cache.bump_tags([page_cache.LISTINGS])

        def site_changed(sender, **kwargs):
            page_cache.bump_tags([page_cache.SITE])

        post_init.connect(product_loaded, sender=Product, weak=False, dispatch_uid="page-cache-load-product")
        post_init.connect(stock_loaded, sender=StockRecord, weak=False, dispatch_uid="page-cache-load-stock")
        handlers = [
            (Product, product_changed),
            (StockRecord, stock_changed),
            (get_model("catalogue", "ProductImage"), part_of_product_changed),
            (get_model("catalogue", "ProductAttributeValue"), part_of_product_changed),
            (get_model("catalogue", "Category"), listings_changed),
            (get_model("catalogue", "ProductCategory"), listings_changed),
            (get_model("partner", "Partner"), site_changed),
            (get_model("traceability", "Certificate"), site_changed),  # stars, certificates of pages
            (get_model("traceability", "Lot"), lot_changed),
            (get_model("cms", "SellerIdentity"), site_changed),  # the footer of every page
            (get_model("wagtailcore", "Site"), site_changed),  # which pages the menu lists
        ]
        for model, handler in handlers:
            name = model.__name__
            post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"page-cache-{name}")
            post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"page-cache-del-{name}")
        m2m_changed.connect(
            listings_changed, sender=Product.categories.through, weak=False, dispatch_uid="page-cache-m2m"
        )
        m2m_changed.connect(
            lot_certificates_changed, sender=get_model("traceability", "Lot").certificates.through,
            weak=False, dispatch_uid="page-cache-lot-certificates",
        )
        page_published.connect(site_changed, weak=False, dispatch_uid="page-cache-published")
        post_page_move.connect(site_changed, weak=False, dispatch_uid="page-cache-moved")
        post_delete.connect(site_changed, sender=Page, weak=False, dispatch_uid="page-cache-page-deleted")
        page_unpublished.connect(site_changed, weak=False, dispatch_uid="page-cache-unpublished")
