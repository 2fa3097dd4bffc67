"""Uploaded media served by the shop itself when it keeps them on local disk (the embedded default).

With S3-compatible storage (AWS_STORAGE_BUCKET_NAME) the files are served by the bucket or its
CDN and this route is not mounted. On local disk every web process serves ``/media/…``
directly: photo names are unique per upload, so browsers and CDNs may keep them for a day,
revalidating by Last-Modified. Files are sent with the type their name says and
``X-Content-Type-Options: nosniff``; anything that is not an image or a PDF is sent as a
download, never rendered. Uploads still waiting for the worker (``incoming/``, with their
original metadata) are never served.
"""

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

#: Kept by browsers and shared caches this long (seconds).
MEDIA_MAX_AGE = 86400
#: Types shown inline; everything else is a download.
INLINE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif", "image/avif", "application/pdf")
PRIVATE_PREFIXES = ("incoming/",)


@require_safe
def media_file(request: HttpRequest, path: str) -> HttpResponse:
    """One uploaded file from MEDIA_ROOT; 404 for anything missing or private."""
    if path.startswith(PRIVATE_PREFIXES) or "\\" in path:
        raise Http404(path)
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as error:  # a path reaching outside MEDIA_ROOT
        raise Http404(path) from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    if content_type not in INLINE_TYPES:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    return response
