"""Writes of the producer portal: products, photos, OCOP claims, packing and producer invitations.

Every function runs in one transaction; e-mail leaves only after the commit.
"""

import uuid
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalogue.descriptions import clean_description
from catalogue.photos import MAX_UPLOAD_BYTES, PhotoRejected, prepare_photo, store_photo, stored_photo_files
from fulfilment import services as fulfilment
from orders import notifications
from orders.statuses import OrderStatus, status_label
from shop.page_cache import bump_content_version
from traceability.models import Certificate

from . import tasks as portal_tasks
from .models import OcopClaim, PhotoUpload

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
#: The invitation's event type (its texts are editable in the dashboard).
PRODUCER_INVITE = "PRODUCER_INVITE"



class PortalError(ValueError):
    """A request the rules refuse; ``str()`` is the message for the producer."""


def _set_attributes(product, attributes: dict) -> None:
    product.attr.initialize()
    for code, value in attributes.items():
        setattr(product.attr, code, value)
    product.attr.save()


def product_save(
    *,
    producer,
    product_class,
    title: str,
    description: str,
    price: int,
    stock: int,
    attributes: dict | None = None,
    stars_claimed: int | None = None,
    certificates: str = "",
    product=None,
    sku: str = "",
    category=None,
    title_en: str | None = None,
    description_en: str | None = None,
):
    """Create or update a producer's product with its price, stock, attributes, category and OCOP claim.

    ``title``/``description`` are the Vietnamese text; ``title_en``/``description_en`` the
    English one (None leaves it as it is, "" removes it: English buyers then read Vietnamese).

    ``category`` (one of the staff's categories) replaces the product's categories with it and
    its ancestors, so the product lists on each of their pages; None keeps them as they are.
    A new product starts unpublished. A changed star or certificate claim goes back to staff;
    the public stars (``Product.ocop_stars``) change only when staff confirm the certificate.
    """
    with transaction.atomic():
        if product is None:
            product = Product(producer=producer, structure=Product.STANDALONE, is_public=False)
        product.product_class = product_class
        product.title_vi = title.strip()
        product.description_vi = clean_description(text=description)
        if title_en is not None:
            product.title_en = title_en.strip()
        if description_en is not None:
            product.description_en = clean_description(text=description_en) if description_en.strip() else ""
        with translation.override("vi"):  # the untranslated column keeps the Vietnamese text
            product.save()
        if attributes:
            _set_attributes(product, attributes)
        if category is not None:
            _set_category(product, category)
        record = StockRecord.objects.filter(product=product, partner=producer).first()
        if record is None:
            record = StockRecord(product=product, partner=producer, partner_sku=sku or f"SP-{product.pk}")
        record.price = Decimal(price)
        record.price_currency = "VND"
        record.num_in_stock = stock
        record.save()
        _claim_save(product=product, stars=stars_claimed, certificates=certificates)
    return product


def _set_category(product, category) -> None:
    chosen = [*category.get_ancestors(), category]
    ProductCategory.objects.filter(product=product).exclude(category__in=chosen).delete()
    for each in chosen:
        ProductCategory.objects.get_or_create(product=product, category=each)


def _claim_save(*, product, stars: int | None, certificates: str) -> None:
    certificates = (certificates or "").strip()
    claim = OcopClaim.objects.filter(product=product).first()
    if claim is None:
        if not certificates and stars == product.ocop_stars:
            return  # nothing new to check: no claim, or the stars staff already show
        claim = OcopClaim(product=product)
    elif claim.stars == stars and claim.certificates == certificates:
        return
    claim.stars = stars
    claim.certificates = certificates
    claim.status = OcopClaim.Status.PENDING
    claim.reviewed_at = None
    claim.reviewed_by = None
    claim.save()


def product_set_public(*, product, is_public: bool):
    """Publish or unpublish; a product is published only with a title, a price and a photo."""
    with transaction.atomic():
        if is_public:
            has_price = StockRecord.objects.filter(
                product=product, partner_id=product.producer_id, price__isnull=False
            ).exists()
            if not has_price:
                raise PortalError(_("Set a price before publishing."))
            if not product.images.exists():
                raise PortalError(_("Add at least one photo before publishing."))
            if not product.categories.exists():
                raise PortalError(_("Choose a category before publishing."))
        product.is_public = is_public
        product.save(update_fields=["is_public", "date_updated"])
    return product


def stock_set(*, product, stock: int, price: int | None = None):
    """Quick update of stock (and price) from the product list."""
    with transaction.atomic():
        record = StockRecord.objects.select_for_update().get(product=product, partner_id=product.producer_id)
        record.num_in_stock = stock
        if price is not None:
            record.price = Decimal(price)
        record.save()
    return record


def ocop_claim_confirm(
    *, claim: OcopClaim, reviewer, certificate_number: str = "", issuer: str = "",
    valid_from=None, valid_to=None,
) -> OcopClaim:
    """Staff confirm a claim after reading the certificate: its stars become the product's OCOP
    stars, and the OCOP certificate they checked is recorded for that product alone.

    The stars show in the shop only while that certificate is valid. Raises ``PortalError``
    when stars are claimed without the certificate's number, issuer and validity, or when the
    number already belongs to another product.
    """
    number, issuer = certificate_number.strip(), issuer.strip()
    if claim.stars and not (number and issuer and valid_from and valid_to):
        raise PortalError(_("Enter the OCOP certificate's number, issuer and validity to confirm the stars."))
    if valid_from and valid_to and valid_to < valid_from:
        raise PortalError(_("The certificate's end date is before its start date."))
    with transaction.atomic():
        product = Product.objects.select_related("producer").get(pk=claim.product_id)
        if claim.stars:
            taken = Certificate.objects.filter(kind=Certificate.Kind.OCOP, number=number).exclude(product=product)
            if taken.exists():
                raise PortalError(_("Certificate %(number)s belongs to another product.") % {"number": number})
            Certificate.objects.update_or_create(
                kind=Certificate.Kind.OCOP, number=number,
                defaults={"issuer": issuer, "valid_from": valid_from, "valid_to": valid_to,
                          "product": product, "producer": product.producer,
                          "scope": f"{product.title}: {claim.stars}★"},
            )
        claim.status = OcopClaim.Status.CONFIRMED
        claim.reviewed_at = timezone.now()
        claim.reviewed_by = reviewer
        claim.save()
        Product.objects.filter(pk=claim.product_id).update(ocop_stars=claim.stars)
        transaction.on_commit(bump_content_version)  # public pages show the new stars at once
    return claim


def ocop_claim_reject(*, claim: OcopClaim, reviewer) -> OcopClaim:
    """Staff decline a claim: the product shows no OCOP stars."""
    with transaction.atomic():
        claim.status = OcopClaim.Status.REJECTED
        claim.reviewed_at = timezone.now()
        claim.reviewed_by = reviewer
        claim.save()
        Product.objects.filter(pk=claim.product_id).update(ocop_stars=None)
        transaction.on_commit(bump_content_version)
    return claim


def photo_add(*, product, upload, idempotency_key: str, language: str = "") -> tuple[PhotoUpload, bool]:
    """Receive an uploaded photo for a product and queue it for the worker to check and clean.

    The same key twice returns the first receipt, not a copy. Returns ``(receipt, created)``;
    the receipt is "processing" until ``photo_process`` has run (at once with the immediate
    task backend). Raises ``catalogue.photos.PhotoRejected`` for a file over the size limit.
    """
    key = (idempotency_key or "").strip()[:64] or uuid.uuid4().hex
    existing = PhotoUpload.objects.filter(product=product, idempotency_key=key).first()
    if existing:
        return existing, False
    if (getattr(upload, "size", 0) or 0) > MAX_UPLOAD_BYTES:
        raise PhotoRejected(PhotoRejected.too_large())
    incoming = default_storage.save(f"incoming/photos/{product.pk}/{uuid.uuid4().hex}", upload)
    try:
        with transaction.atomic():
            receipt = PhotoUpload.objects.create(
                product=product,
                idempotency_key=key,
                incoming=incoming,
                file_name=(getattr(upload, "name", "") or "")[:255],
                language=language or translation.get_language() or "",
            )
            # A task row in this transaction: the worker sees it only once the receipt exists.
            portal_tasks.process_photo_upload.enqueue(receipt.pk)
    except IntegrityError:
        # The same upload arrived twice at once: keep the first, drop this copy's file.
        default_storage.delete(incoming)
        return PhotoUpload.objects.get(product=product, idempotency_key=key), False
    receipt.refresh_from_db()
    return receipt, True


def photo_process(*, upload_id: int) -> PhotoUpload:
    """Check, clean and resize an uploaded photo (in the worker) and add it to its product.

    A file that is not an acceptable photo leaves the receipt "rejected" with the reason, in
    the producer's language. Raises what the storage raises, so the task is tried again.
    """
    receipt = PhotoUpload.objects.select_related("product").get(pk=upload_id)
    if receipt.status != PhotoUpload.Status.PROCESSING:
        return receipt
    with translation.override(receipt.language or None):
        try:
            with default_storage.open(receipt.incoming, "rb") as raw:
                prepared = prepare_photo(raw)
        except PhotoRejected as error:
            PhotoUpload.objects.filter(pk=receipt.pk, status=PhotoUpload.Status.PROCESSING).update(
                status=PhotoUpload.Status.REJECTED, error=str(error), incoming=""
            )
            default_storage.delete(receipt.incoming)
            receipt.refresh_from_db()
            return receipt
    product = receipt.product
    name = store_photo(prepared, name=f"images/products/{product.pk}/{uuid.uuid4().hex}.jpg")
    with transaction.atomic():
        receipt = PhotoUpload.objects.select_for_update().get(pk=upload_id)
        if receipt.status != PhotoUpload.Status.PROCESSING:  # another worker finished it first
            transaction.on_commit(lambda: _delete_files(name))
            return receipt
        last = product.images.aggregate(last=Max("display_order"))["last"]
        image = ProductImage.objects.create(
            product=product,
            original=name,
            caption=product.title[:200],
            display_order=0 if last is None else last + 1,
        )
        incoming = receipt.incoming
        receipt.image, receipt.status, receipt.incoming = image, PhotoUpload.Status.READY, ""
        receipt.save(update_fields=["image", "status", "incoming"])
        transaction.on_commit(lambda: default_storage.delete(incoming))
    return receipt


def _delete_files(name: str) -> None:
    for stored in stored_photo_files(name):
        if default_storage.exists(stored):
            default_storage.delete(stored)


def photo_move(*, photo, offset: int) -> None:
    """Move a photo earlier (-1) or later (+1) among its product's photos; first is primary."""
    with transaction.atomic():
        photos = list(photo.product.images.select_for_update().order_by("display_order", "id"))
        index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
        target = max(0, min(len(photos) - 1, index + offset))
        photos.insert(target, photos.pop(index))
        _renumber(photos)


def photo_make_primary(*, photo) -> None:
    """Make this photo the product's primary (first) photo."""
    with transaction.atomic():
        photos = list(photo.product.images.select_for_update().order_by("display_order", "id"))
        photos.sort(key=lambda p: p.pk != photo.pk)
        _renumber(photos)


def _renumber(photos: list) -> None:
    for order, item in enumerate(photos):
        if item.display_order != order:
            item.display_order = order
            ProductImage.objects.filter(pk=item.pk).update(display_order=order)


def photo_delete(*, photo) -> None:
    """Remove a photo and its files."""
    name = photo.original.name
    product = photo.product
    with transaction.atomic():
        photo.delete()
        _renumber(list(product.images.order_by("display_order", "id")))
        transaction.on_commit(lambda: _delete_files(name))


def line_mark_packed(*, line, by=None):
    """Mark the producer's parcel holding ``line`` as packed (all its lines in that order).

    Raises PortalError when the order is not paid (or no longer packable) or the parcel was
    already packed.
    """
    if line.status == OrderStatus.PACKING:
        return line
    group = fulfilment.group_of(order=line.order, producer=line.partner)
    try:
        fulfilment.pack_group(group=group, by=by)
    except fulfilment.FulfilmentError as error:
        raise PortalError(
            _("Only paid lines can be packed (this line is: %(status)s).") % {"status": status_label(line.status)}
        ) from error
    line.refresh_from_db(fields=["status"])
    return line


def producer_user_invite(*, email: str, producer, invited_by, base_url: str):
    """Create (or reuse) the user for ``email``, let them act for ``producer`` and mail a set-password link.

    The user gets no password of their own until they follow the link; they are never staff.
    """
    User = get_user_model()
    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(username=email[:150], email=email)
            user.set_unusable_password()
            user.save()
        if user.is_staff:
            raise PortalError(_("Staff accounts cannot be producer users."))
        producer.users.add(user)
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = base_url.rstrip("/") + reverse("portal:set-password", kwargs={"uidb64": uid, "token": token})
        context = {
            "producer": producer, "link": link, "invited_by": invited_by, "email": email,
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        transaction.on_commit(
            partial(
                notifications.send_direct_message, code=PRODUCER_INVITE, name="Invitation to a producer's user",
                recipients=[email], users={email: user}, context=context,
            ),
            robust=True,
        )
    return user
