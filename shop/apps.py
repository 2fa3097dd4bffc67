"""Oscar's storefront configuration, with the dashboard moved out of the shop to /dashboard/."""

from oscar.config import Shop


class StorefrontConfig(Shop):
    def get_urls(self):
        return [url for url in super().get_urls() if str(url.pattern) != "dashboard/"]

    def ready(self):
        super().ready()
        self.connect_page_cache_invalidation()

    @staticmethod
    def connect_page_cache_invalidation() -> None:
        """Any change to what public pages show moves the page cache to a new version."""
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from oscar.core.loading import get_model
        from wagtail.signals import page_published, page_unpublished

        from .page_cache import bump_content_version

        for app_label, model_name in [
            ("catalogue", "Product"),
            ("catalogue", "ProductImage"),
            ("catalogue", "Category"),
            ("catalogue", "ProductCategory"),
            ("catalogue", "ProductAttributeValue"),
            ("partner", "StockRecord"),
            ("partner", "Partner"),
        ]:
            model = get_model(app_label, model_name)
            post_save.connect(bump_content_version, sender=model, dispatch_uid=f"page-cache-{model_name}")
            post_delete.connect(
                bump_content_version, sender=model, dispatch_uid=f"page-cache-del-{model_name}"
            )
        m2m_changed.connect(
            bump_content_version,
            sender=get_model("catalogue", "Product").categories.through,
            dispatch_uid="page-cache-m2m",
        )
        page_published.connect(bump_content_version, dispatch_uid="page-cache-published")
        page_unpublished.connect(bump_content_version, dispatch_uid="page-cache-unpublished")
