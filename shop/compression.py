"""Compressed answers for the pages and documents the shop renders.

A buyer on patchy 4G waits for HTML far more than for anything else: a product page shrinks to
about a fifth with gzip. Static files are already served compressed by WhiteNoise (which answers
before this middleware runs) and photos are compressed formats, so only text is compressed here.

BREACH: a page that reflects what a visitor typed next to a secret could leak the secret through
its compressed length. Django (≥ 4.2) masks the CSRF token differently on every response and its
GZip middleware adds random bytes to the gzip header ("Heal the Breach"); session and signed order
links are never written into pages an attacker can make a victim fetch with chosen text.
"""

from django.middleware.gzip import GZipMiddleware

#: Content types worth compressing (everything else is already compressed or tiny).
TEXT_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/linkset+json",
    "application/xml",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZip middleware, limited to text answers."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").lower()
        if not content_type.startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)
