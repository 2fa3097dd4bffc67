"""Screens of the producer portal; each object is looked up through the producers the request acts for."""

import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from catalogue.descriptions import description_for_editing
from catalogue.photos import MAX_UPLOAD_BYTES, PhotoRejected
from coops import assisted
from offline.idempotency import idempotent

from . import acting, bulk, selectors, services
from .forms import (
    ClaimConfirmForm,
    ImportForm,
    InviteForm,
    PhotoUploadForm,
    ProductForm,
    StockForm,
    category_by_id,
)
from .models import OcopClaim, PhotoUpload

ProductClass = get_model("catalogue", "ProductClass")
PORTAL_CLASSES = ("tea", "honey")
IMPORT_SESSION_KEY = "portal_import"


def producer_required(view):
    """Logged-in users who act for a producer (their own, or a member their co-op enters for);
    others go to the log-in page or get 403. Sets ``request.producers`` and ``request.acting``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('portal:login')}?next={request.path}")
        producers = acting.producers_for(request)
        if not producers:
            return render(request, "portal/forbidden.html", status=403)
        request.producers = producers
        request.acting = acting.acting_for(request)
        return view(request, *args, **kwargs)

    return wrapper


class LoginView(auth_views.LoginView):
    template_name = "portal/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("portal:home")

    def get_context_data(self, **kwargs):
        # Django adds the sites-framework Site as "site"; the shared frame reads "site" as Wagtail's.
        context = super().get_context_data(**kwargs)
        context.pop("site", None)
        return context


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "portal/set_password.html"
    success_url = reverse_lazy("portal:login")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Please log in."))
        return super().form_valid(form)


@producer_required
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "low_stock": selectors.low_stock_of(producers=request.producers),
            "orders": selectors.orders_of(producers=request.producers)[:5],
            "product_count": selectors.products_of(producers=request.producers).count(),
        },
    )


@producer_required
def product_list(request):
    products = list(selectors.products_of(producers=request.producers))
    for product in products:
        product.own_record = selectors.stockrecord_of(product=product)
    return render(request, "portal/product_list.html", {"products": products})


@producer_required
def product_add_choose(request):
    classes = ProductClass.objects.filter(slug__in=PORTAL_CLASSES).order_by("slug")
    return render(request, "portal/product_add_choose.html", {"classes": classes})


def _deepest_category_id(product) -> int | None:
    deepest = max(product.categories.all(), key=lambda category: category.depth, default=None)
    return deepest.pk if deepest else None


def _product_form_page(request, *, product_class, product=None):
    initial = {}
    if product is not None:
        record = selectors.stockrecord_of(product=product)
        claim = getattr(product, "ocop_claim", None)
        initial = {
            "title": product.title_vi,
            "description": description_for_editing(html=product.description_vi or ""),
            "title_en": product.title_en or "",
            "description_en": description_for_editing(html=product.description_en or ""),
            "price": int(record.price) if record and record.price is not None else None,
            "stock": record.num_in_stock if record else 0,
            "stars_claimed": claim.stars if claim else product.ocop_stars,
            "certificates": claim.certificates if claim else "",
            "category": _deepest_category_id(product),
        }
        for value in product.attribute_values.select_related("attribute"):
            initial[f"attr_{value.attribute.code}"] = value.value
    form = ProductForm(
        request.POST or None, initial=initial, product_class=product_class, producers=request.producers
    )
    if request.method == "POST" and form.is_valid():
        producer = product.producer if product else form.cleaned_data.get("producer", request.producers[0])
        saved = services.product_save(
            producer=producer,
            product=product,
            product_class=product_class,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            price=form.cleaned_data["price"],
            stock=form.cleaned_data["stock"],
            attributes=form.attribute_values(),
            stars_claimed=form.cleaned_data["stars_claimed"],
            certificates=form.cleaned_data["certificates"],
            category=category_by_id(form.cleaned_data["category"]),
            title_en=form.cleaned_data["title_en"],
            description_en=form.cleaned_data["description_en"],
        )
        assisted.entry_note(
            acting=request.acting, product=saved, summary=saved.title_vi,
            kind=assisted.Kind.PRODUCT_LISTED if product is None else assisted.Kind.PRODUCT_CHANGED,
        )
        messages.success(request, _("Saved. Now add photos."))
        return redirect("portal:photos", pk=saved.pk)
    return render(
        request,
        "portal/product_form.html",
        {
            "form": form,
            "product": product,
            "product_class": product_class,
        },
    )


@producer_required
def product_add(request, class_slug):
    product_class = get_object_or_404(ProductClass, slug=class_slug, slug__in=PORTAL_CLASSES)
    return _product_form_page(request, product_class=product_class)


@producer_required
def product_edit(request, pk):
    product = selectors.product_of(producers=request.producers, product_id=pk)
    return _product_form_page(request, product_class=product.product_class, product=product)


@producer_required
@require_POST
def product_publish(request, pk):
    product = selectors.product_of(producers=request.producers, product_id=pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.product_set_public(product=product, is_public=publish)
    except services.PortalError as error:
        messages.error(request, str(error))
    else:
        summary = _("Published: customers can see it.") if publish else _("Hidden from the shop.")
        assisted.entry_note(
            acting=request.acting, kind=assisted.Kind.PRODUCT_PUBLISHED, product=product, summary=summary
        )
        messages.success(request, summary)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("portal:product-list")
    return redirect(back)


@producer_required
@require_POST
@idempotent
def product_stock(request, pk):
    """Set a product's stock; JSON for the outbox (a change made offline), a redirect for a form post."""
    product = selectors.product_of(producers=request.producers, product_id=pk)
    form = StockForm(request.POST)
    wants_json = request.headers.get("x-requested-with") == "XMLHttpRequest"
    if form.is_valid():
        before = selectors.stockrecord_of(product=product)
        record = services.stock_set(product=product, stock=form.cleaned_data["stock"])
        assisted.entry_note(
            acting=request.acting, kind=assisted.Kind.STOCK_CHANGED, product=product,
            summary=_("Stock: %(before)s → %(after)s")
            % {"before": before.num_in_stock if before else 0, "after": record.num_in_stock},
        )
        message = _("Stock updated: %(title)s, %(stock)s.") % {"title": product.title, "stock": record.num_in_stock}
        messages.success(request, message)
        if wants_json:
            return JsonResponse({"message": message, "stock": record.num_in_stock})
    else:
        message = _("Enter the stock as a whole number, 0 or more.")
        if wants_json:
            return JsonResponse({"error": message}, status=400)
        messages.error(request, message)
    return redirect("portal:product-list")


@producer_required
def photos(request, pk):
    product = selectors.product_of(producers=request.producers, product_id=pk)
    return render(
        request,
        "portal/photos.html",
        {
            "product": product,
            "photos": product.images.all(),
            "uploads": (uploads := selectors.unfinished_uploads(product=product)),
            "processing": any(upload.status == PhotoUpload.Status.PROCESSING for upload in uploads),
            "form": PhotoUploadForm(initial={"idempotency_key": uuid.uuid4().hex}),
            "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
        },
    )


#: Room for the form fields and multipart boundaries around one photo.
UPLOAD_FORM_OVERHEAD = 64 * 1024


@csrf_exempt
def photo_upload(request, pk):
    """Refuse a request announcing more than one photo's worth of bytes before reading its body.

    The CSRF check (which would read the whole body) runs afterwards, in ``_photo_upload``.
    """
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES + UPLOAD_FORM_OVERHEAD:
        message = str(PhotoRejected.too_large())
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"error": message}, status=413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    return _photo_upload(request, pk)


@csrf_protect
@producer_required
@require_POST
def _photo_upload(request, pk):
    """Receive one photo; JSON for the page's script, a redirect for a plain form post."""
    product = selectors.product_of(producers=request.producers, product_id=pk)
    wants_json = request.headers.get("x-requested-with") == "XMLHttpRequest"
    form = PhotoUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        message = _("Choose a photo to upload.")
        return JsonResponse({"error": message}, status=400) if wants_json else _back(request, pk, message)
    try:
        receipt, created = services.photo_add(
            product=product,
            upload=form.cleaned_data["photo"],
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except PhotoRejected as error:
        return (
            JsonResponse({"error": str(error)}, status=400) if wants_json else _back(request, pk, str(error))
        )
    if created and receipt.status != PhotoUpload.Status.REJECTED:
        assisted.entry_note(
            acting=request.acting, kind=assisted.Kind.PHOTO_ADDED, product=product, photo_upload=receipt,
            summary=receipt.file_name,
        )
    if receipt.status == PhotoUpload.Status.REJECTED:
        return JsonResponse({"error": receipt.error}, status=400) if wants_json else _back(request, pk, receipt.error)
    if wants_json:
        status = 202 if receipt.status == PhotoUpload.Status.PROCESSING else 201 if created else 200
        return JsonResponse({"id": receipt.image_id, "status": receipt.status, "created": created}, status=status)
    if receipt.status == PhotoUpload.Status.PROCESSING:
        messages.success(request, _("Photo received: it appears here in a moment."))
    else:
        messages.success(request, _("Photo added."))
    return redirect("portal:photos", pk=pk)


def _back(request, pk, message):
    messages.error(request, message)
    return redirect("portal:photos", pk=pk)


@producer_required
@require_POST
def photo_move(request, pk, photo_pk):
    photo = selectors.photo_of(producers=request.producers, product_id=pk, photo_id=photo_pk)
    services.photo_move(photo=photo, offset=-1 if request.POST.get("direction") == "up" else 1)
    return redirect("portal:photos", pk=pk)


@producer_required
@require_POST
def photo_primary(request, pk, photo_pk):
    photo = selectors.photo_of(producers=request.producers, product_id=pk, photo_id=photo_pk)
    services.photo_make_primary(photo=photo)
    messages.success(request, _("Main photo changed."))
    return redirect("portal:photos", pk=pk)


@producer_required
@require_POST
def photo_delete(request, pk, photo_pk):
    photo = selectors.photo_of(producers=request.producers, product_id=pk, photo_id=photo_pk)
    services.photo_delete(photo=photo)
    assisted.entry_note(acting=request.acting, kind=assisted.Kind.PHOTO_REMOVED, product=photo.product)
    messages.success(request, _("Photo removed."))
    return redirect("portal:photos", pk=pk)


@producer_required
def order_list(request):
    return render(request, "portal/order_list.html", {"orders": selectors.orders_of(producers=request.producers)})


@producer_required
def order_detail(request, number):
    entry = selectors.order_of(producers=request.producers, number=number)
    return render(request, "portal/order_detail.html", entry)


@producer_required
@require_POST
def line_packed(request, line_pk):
    line = selectors.line_of(producers=request.producers, line_id=line_pk)
    try:
        services.line_mark_packed(line=line, by=request.user)
    except services.PortalError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Marked as packed."))
    return redirect("portal:order-detail", number=line.order.number)


@producer_required
def product_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": bulk.COLUMNS}
    if request.method == "POST" and form.is_valid():
        producer = request.producers[0]
        try:
            records = bulk.read_sheet(form.cleaned_data["sheet"])
        except bulk.SheetUnreadable as error:
            form.add_error("sheet", str(error))
            return render(request, "portal/import.html", context)
        check = bulk.check_rows(producer=producer, records=records)
        context["check"] = check
        if check.ok:
            request.session[IMPORT_SESSION_KEY] = {
                "producer": producer.pk,
                "rows": bulk.rows_for_session(check),
            }
        else:
            request.session.pop(IMPORT_SESSION_KEY, None)
    return render(request, "portal/import.html", context)


@producer_required
@require_POST
def product_import_confirm(request):
    pending = request.session.pop(IMPORT_SESSION_KEY, None)
    producer = next((p for p in request.producers if pending and p.pk == pending["producer"]), None)
    if producer is None:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("portal:import")
    try:
        count = bulk.products_import(producer=producer, rows=pending["rows"])
    except bulk.SheetUnreadable as error:
        messages.error(request, str(error))
        return redirect("portal:import")
    summary = _("%(n)s products imported.") % {"n": count}
    assisted.entry_note(acting=request.acting, kind=assisted.Kind.PRODUCTS_IMPORTED, summary=summary)
    messages.success(request, summary)
    return redirect("portal:product-list")


@producer_required
def product_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format")
    products = selectors.products_of(producers=request.producers).order_by("id")
    if fmt == "xlsx":
        response = HttpResponse(bulk.export_xlsx(products=products), content_type=bulk.XLSX_MEDIA_TYPE)
    else:
        response = HttpResponse(bulk.export_csv(products=products), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="products.{fmt}"'
    return response


@staff_member_required(login_url=reverse_lazy("portal:login"))
def invite(request):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.producer_user_invite(
                email=form.cleaned_data["email"],
                producer=form.cleaned_data["producer"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except services.PortalError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("portal:invite")
    return render(request, "portal/invite.html", {"form": form})


@staff_member_required(login_url=reverse_lazy("portal:login"))
def claims(request):
    return render(
        request, "portal/claims.html", {"claims": selectors.pending_ocop_claims(), "form": ClaimConfirmForm()}
    )


@staff_member_required(login_url=reverse_lazy("portal:login"))
@require_POST
def claim_review(request, pk):
    claim = get_object_or_404(OcopClaim, pk=pk)
    if request.POST.get("decision") == "confirm":
        form = ClaimConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the certificate's dates."))
            return redirect("portal:claims")
        try:
            services.ocop_claim_confirm(claim=claim, reviewer=request.user, **form.cleaned_data)
        except services.PortalError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Confirmed: the stars show in the shop while the certificate is valid."))
    else:
        services.ocop_claim_reject(claim=claim, reviewer=request.user)
        messages.success(request, _("Not confirmed: no stars show in the shop."))
    return redirect("portal:claims")
