"""Discovery: the one search box of the storefront (products, producers, stories) and the sitemap."""
