"""Diary attachments and certificate documents, served with a permission check and safe headers.

The files live in the private storage (``shop.private_files``): this is the only way to them.
Drafts are visible only to those who keep the lot's diary (others get a 404); published
files to anyone. Every answer says ``nosniff`` and forbids the browser to run anything in it;
documents are downloads (``Content-Disposition: attachment``), never pages of the shop. An
original whose SHA-256 no longer matches the record is not served at all (410).
"""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalogue.photos import RENDITION_FORMATS, RENDITION_WIDTHS
from catalogue.thumbnails import rendition_name
from shop.private_files import private_storage

from . import selectors, services
from .models import EventFile

CONTENT_TYPES = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "webp": "image/webp", "pdf": "application/pdf"}
PUBLIC_CACHE = "public, max-age=86400"


def event_file_url(attached: EventFile, *, width: int | None = None, fmt: str = "jpeg") -> str:
    """The address of an attachment, or of one of its renditions (photos only)."""
    if width is None:
        return reverse("traceability_files:event_file", kwargs={"file_id": attached.pk})
    return reverse(
        "traceability_files:event_file_rendition", kwargs={"file_id": attached.pk, "width": width, "fmt": fmt}
    )


def certificate_document_url(certificate) -> str:
    return reverse("traceability_files:certificate_document", kwargs={"certificate_id": certificate.pk})


def _serve(name: str, *, content_type: str, download_name: str | None, public: bool) -> FileResponse:
    storage = private_storage()
    try:
        handle = storage.open(name, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("file missing") from error
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if download_name:
        response["Content-Disposition"] = f'attachment; filename="{download_name}"'
    response["Cache-Control"] = PUBLIC_CACHE if public else "private, no-store"
    return response


def _attachment_or_404(request: HttpRequest, file_id: int) -> EventFile:
    attached = selectors.event_file_for(user=request.user, file_id=file_id)
    if attached is None:
        raise Http404("no such file")
    return attached


def _is_public(attached: EventFile) -> bool:
    return attached.event.is_published and attached.event.lot.is_published


@require_safe
def event_file(request: HttpRequest, file_id: int) -> FileResponse:
    attached = _attachment_or_404(request, file_id)
    if services.stored_file_sha256(attached.file.name) != attached.sha256:
        return HttpResponse(
            _("This file no longer matches the published record and is not shown."),
            status=410, content_type="text/plain; charset=utf-8",
        )
    if attached.kind == EventFile.Kind.DOCUMENT:
        return _serve(
            attached.file.name, content_type=CONTENT_TYPES["pdf"],
            download_name=f"lot-document-{attached.pk}.pdf", public=_is_public(attached),
        )
    return _serve(attached.file.name, content_type=CONTENT_TYPES["jpeg"], download_name=None,
                  public=_is_public(attached))


@require_safe
def event_file_rendition(request: HttpRequest, file_id: int, width: int, fmt: str) -> FileResponse:
    if width not in RENDITION_WIDTHS or fmt not in RENDITION_FORMATS:
        raise Http404("no such rendition")
    attached = _attachment_or_404(request, file_id)
    if attached.kind != EventFile.Kind.PHOTO:
        raise Http404("documents have no renditions")
    name = rendition_name(attached.file.name, width, 0, fmt)
    return _serve(name, content_type=CONTENT_TYPES[fmt], download_name=None, public=_is_public(attached))


@require_safe
def certificate_document(request: HttpRequest, certificate_id: int) -> FileResponse:
    certificate = selectors.certificate_for(user=request.user, certificate_id=certificate_id)
    if certificate is None:
        raise Http404("no such document")
    return _serve(
        certificate.document.name, content_type=CONTENT_TYPES["pdf"],
        download_name=f"certificate-{certificate.pk}.pdf", public=True,
    )
