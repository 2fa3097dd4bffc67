"""Oscar's storefront configuration, with the dashboard moved out of the shop to /dashboard/."""

from oscar.config import Shop


class StorefrontConfig(Shop):
    def get_urls(self):
        return [url for url in super().get_urls() if str(url.pattern) != "dashboard/"]
