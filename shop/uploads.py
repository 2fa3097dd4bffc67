"""The one policy for every file a user sends: what is accepted, what is refused, and why.

Portal photos, diary photos and documents, certificate documents and bulk-import sheets all
pass here before anything is stored. A file's type is read from its first bytes, never from
its name or the browser's header; its size is counted while it is read, so a large file is
refused after ``limit + 1`` bytes rather than after all of it. Photos are re-encoded by
``catalogue.photos`` (upright, no metadata, pixel limit, renditions); documents are accepted
only as PDF; spreadsheets only as CSV or an .xlsx archive whose entries and uncompressed size
are checked before it is opened. Everything else is refused with a message in the user's
language. Stored names are random: nothing of the sender's file name reaches the storage.
"""

import uuid
import zipfile
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: A lab report or certificate scan; larger PDFs are almost always photographed pages.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: A product sheet of MAX_SHEET_ROWS rows is far below this.
MAX_SHEET_BYTES = 2 * 1024 * 1024
#: What an .xlsx may unpack to, and how many parts it may have (a real sheet: a dozen, a few MB).
MAX_SHEET_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_SHEET_ENTRIES = 200
#: PDF features that run code or carry other files when opened.
PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")

PHOTO_SIGNATURES = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
)
PHOTO_BOX_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif")


class UploadRejected(ValueError):
    """The file is refused; ``str()`` is the message for the person who sent it."""


@dataclass(frozen=True)
class AcceptedDocument:
    """A PDF that passed the checks, with the name it will be stored under."""

    content: bytes
    name: str


def random_name(folder: str, extension: str) -> str:
    """A storage name nobody can guess or steer: ``folder/<32 hex>.<extension>``."""
    return f"{folder.strip('/')}/{uuid.uuid4().hex}.{extension}"


def read_limited(upload: BinaryIO, *, limit: int, too_large: str) -> bytes:
    """Read at most ``limit`` bytes of ``upload``; raises UploadRejected(too_large) past it.

    The announced size is trusted only to refuse early; the bytes are counted as they come.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise UploadRejected(too_large)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(too_large)
    if not data:
        raise UploadRejected(_("The file is empty. Please choose it again."))
    return data


def looks_like_photo(head: bytes) -> bool:
    """JPEG, PNG, WebP or HEIF by their magic bytes (GIF, SVG and the rest are not photos here)."""
    if head.startswith(PHOTO_SIGNATURES):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return head[4:8] == b"ftyp" and head[8:12] in PHOTO_BOX_BRANDS


def looks_like_pdf(head: bytes) -> bool:
    """A PDF starts with ``%PDF-`` at its very first byte (no HTML or script can come first)."""
    return head.startswith(b"%PDF-")


def _document_too_large() -> str:
    return str(
        _("The document is larger than %(mb)s MB. Please send a smaller PDF.")
        % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)}
    )


def check_pdf(data: bytes) -> None:
    """Refuse anything but a complete PDF without scripts, launch actions or embedded files."""
    if not looks_like_pdf(data):
        raise UploadRejected(_("Only PDF documents are accepted, whatever the file's name."))
    if b"%%EOF" not in data[-2048:]:
        raise UploadRejected(
            _("The PDF is incomplete (the upload may have been cut off). Please send it again.")
        )
    if any(marker in data for marker in PDF_ACTIVE_CONTENT):
        raise UploadRejected(
            _("This PDF contains scripts or embedded files. Please send a plain PDF (print it to PDF again).")
        )


def accept_document(upload: BinaryIO, *, folder: str) -> AcceptedDocument:
    """A PDF document under a random name in ``folder``. Raises UploadRejected."""
    data = read_limited(upload, limit=MAX_DOCUMENT_BYTES, too_large=_document_too_large())
    check_pdf(data)
    return AcceptedDocument(content=data, name=random_name(folder, "pdf"))


def accept_photo(upload: BinaryIO):
    """A photo re-encoded by ``catalogue.photos`` (a ``PreparedPhoto``). Raises UploadRejected."""
    from catalogue.photos import PhotoRejected, prepare_photo

    try:
        return prepare_photo(upload)
    except PhotoRejected as error:
        raise UploadRejected(str(error)) from error


def accept_attachment(upload: BinaryIO, *, folder: str):
    """A diary attachment: a photo (``PreparedPhoto``) or a PDF (``AcceptedDocument``).

    Which one is decided by the content. Raises UploadRejected for anything else.
    """
    if hasattr(upload, "seek"):
        upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    if looks_like_pdf(head):
        return accept_document(upload, folder=folder)
    if looks_like_photo(head):
        return accept_photo(upload)
    raise UploadRejected(
        _("Only photos (JPEG, PNG, HEIC, WebP) and PDF documents are accepted, whatever the file's name.")
    )


def validate_pdf_document(upload) -> None:
    """Form and model validator of document fields (certificates): a PDF within the size cap."""
    try:
        data = read_limited(upload, limit=MAX_DOCUMENT_BYTES, too_large=_document_too_large())
        check_pdf(data)
    except UploadRejected as error:
        raise ValidationError(str(error), code="document_refused") from error
    finally:
        if hasattr(upload, "seek"):
            upload.seek(0)


def read_sheet_upload(upload: BinaryIO) -> bytes:
    """The bytes of an import sheet: CSV text or an .xlsx archive that is safe to open.

    Raises UploadRejected when the file is too big, is another kind of file, or is an archive
    with too many entries or one that would unpack beyond MAX_SHEET_UNPACKED_BYTES (a zip bomb),
    all decided before any of it is parsed.
    """
    data = read_limited(
        upload,
        limit=MAX_SHEET_BYTES,
        too_large=str(
            _("The file is larger than %(mb)s MB.") % {"mb": MAX_SHEET_BYTES // (1024 * 1024)}
        ),
    )
    if data.startswith(b"PK"):
        check_xlsx_archive(data)
    elif b"\x00" in data[:8192] or looks_like_photo(data[:64]) or looks_like_pdf(data[:64]):
        raise UploadRejected(_("Only CSV or Excel (.xlsx) files can be imported."))
    return data


def check_xlsx_archive(data: bytes) -> None:
    """Refuse an archive that is not an .xlsx or that would unpack too far. Raises UploadRejected."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UploadRejected(_("The Excel file cannot be opened. Save it again as .xlsx.")) from error
    if len(entries) > MAX_SHEET_ENTRIES:
        raise UploadRejected(_("The Excel file has too many parts to be a product sheet."))
    if sum(entry.file_size for entry in entries) > MAX_SHEET_UNPACKED_BYTES:
        raise UploadRejected(
            _("The Excel file unpacks to more than %(mb)s MB: it cannot be a product sheet.")
            % {"mb": MAX_SHEET_UNPACKED_BYTES // (1024 * 1024)}
        )
    if "[Content_Types].xml" not in archive.namelist():
        raise UploadRejected(_("The Excel file cannot be opened. Save it again as .xlsx."))


def photo_form_file(upload: BinaryIO, *, folder: str):
    """For a staff form's image field: the cleaned photo as a file under a random name.

    Raises ValidationError (the policy's message) for anything ``accept_photo`` refuses.
    """
    from django.core.files.base import ContentFile

    try:
        prepared = accept_photo(upload)
    except UploadRejected as error:
        raise ValidationError(str(error), code="photo_refused") from error
    return ContentFile(prepared.jpeg, name=random_name(folder, "jpg").rsplit("/", 1)[1])


def document_form_file(upload: BinaryIO, *, folder: str):
    """For a staff form's document field: a checked PDF, or a photo re-encoded without metadata,
    as a file under a random name. Raises ValidationError for anything else."""
    from django.core.files.base import ContentFile

    try:
        accepted = accept_attachment(upload, folder=folder)
    except UploadRejected as error:
        raise ValidationError(str(error), code="document_refused") from error
    if isinstance(accepted, AcceptedDocument):
        return ContentFile(accepted.content, name=accepted.name.rsplit("/", 1)[1])
    return ContentFile(accepted.jpeg, name=random_name(folder, "jpg").rsplit("/", 1)[1])
