"""Co-op screens: today's work, orders, parcels to pack and ship, printouts and reports.

Every view answers 404 for a co-op the user does not work for and for an order without the
co-op's members' products, so nothing reveals whether another co-op's order exists.
"""

from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from oscar.core.loading import get_model

from fulfilment import services as fulfilment
from orders.processing import ForbiddenTransition
from orders.statuses import FULFILLABLE

from . import charts, exports, reports, selectors
from .forms import BulkStatusForm, OrderFilterForm, PeriodForm, ShipParcelForm, StatusForm
from .models import Coop

Order = get_model("order", "Order")
ORDERS_PER_PAGE = 50


def coop_view(view):
    """Log-in required; the co-op comes from the URL and must be one the user works for."""

    @login_required
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        try:
            coop = selectors.coop_for_user(user=request.user, slug=slug)
        except Coop.DoesNotExist:
            raise Http404("no such co-op") from None
        return view(request, coop, *args, **kwargs)

    return wrapper


def _order_or_404(coop, number):
    try:
        return selectors.coop_order(coop=coop, number=number)
    except Order.DoesNotExist:
        raise Http404("no such order") from None


def _parcel_or_404(order, producer_id):
    for parcel in order.parcels:
        if parcel.producer.pk == producer_id:
            return parcel
    raise Http404("no such parcel")


@login_required
@require_GET
def coop_home(request):
    coop = selectors.coops_of_user(user=request.user).first()
    if coop is None:
        raise Http404("not a co-op user")
    return redirect("coops:today", slug=coop.slug)


@coop_view
@require_GET
def today(request, coop):
    work = selectors.todays_work(coop=coop)
    return render(
        request, "coops/today.html", {"coop": coop, "work": work, "late_days": selectors.LATE_AFTER.days}
    )


@coop_view
@require_GET
def order_list(request, coop):
    form = OrderFilterForm(request.GET or None)
    orders = selectors.coop_orders(coop=coop)
    if form.is_valid():
        orders = selectors.search_orders(
            orders,
            coop=coop,
            query=form.cleaned_data["q"],
            status=form.cleaned_data["status"],
            placed_from=form.cleaned_data["placed_from"],
            placed_to=form.cleaned_data["placed_to"],
            work=form.cleaned_data["work"],
        )
    page = Paginator(selectors.with_coop_lines(orders, coop=coop), ORDERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for order in page:
        order.parcels = selectors.parcels_of(order)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coops/order_list.html",
        {
            "coop": coop,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "bulk_form": StatusForm(),
        },
    )


@coop_view
@require_POST
def order_bulk(request, coop):
    form = BulkStatusForm(request.POST, orders=selectors.coop_orders(coop=coop))
    if form.is_valid():
        try:
            count = fulfilment.bulk_change_status(
                coop=coop, orders=form.cleaned_data["orders"], to=form.cleaned_data["to"], by=request.user
            )
        except (ForbiddenTransition, fulfilment.FulfilmentError) as error:
            messages.error(request, _("Nothing was changed: %(reason)s") % {"reason": error})
        else:
            messages.success(request, _("%(count)d orders updated.") % {"count": count})
    else:
        for error in form.non_field_errors() or [_("Choose a status.")]:
            messages.error(request, error)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("coops:order-list", args=[coop.slug])
    return redirect(back)


@coop_view
@require_GET
def order_detail(request, coop, number):
    order = _order_or_404(coop, number)
    return render(
        request,
        "coops/order_detail.html",
        {
            "coop": coop,
            "order": order,
            "ship_form": ShipParcelForm(),
            "status_form": StatusForm.for_order(order),
            "fulfillable": order.status in FULFILLABLE,
            "other_coops_lines": order.lines.exclude(partner__coop=coop).exists(),
        },
    )


def _group_for(order, parcel):
    return fulfilment.group_of(order=order, producer=parcel.producer)


@coop_view
@require_POST
def parcel_pack(request, coop, number, producer_id):
    order = _order_or_404(coop, number)
    parcel = _parcel_or_404(order, producer_id)
    try:
        fulfilment.pack_group(group=_group_for(order, parcel), by=request.user)
    except fulfilment.FulfilmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Parcel of %(producer)s packed.") % {"producer": parcel.producer.name})
    return redirect("coops:order-detail", slug=coop.slug, number=order.number)


@coop_view
@require_POST
def parcel_ship(request, coop, number, producer_id):
    order = _order_or_404(coop, number)
    parcel = _parcel_or_404(order, producer_id)
    form = ShipParcelForm(request.POST)
    if form.is_valid():
        try:
            fulfilment.ship_group(group=_group_for(order, parcel), by=request.user, **form.cleaned_data)
        except fulfilment.FulfilmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Parcel of %(producer)s shipped.") % {"producer": parcel.producer.name}
            )
            return redirect("coops:order-detail", slug=coop.slug, number=order.number)
    context = {
        "coop": coop,
        "order": order,
        "ship_form": form,
        "ship_producer_id": parcel.producer.pk,
        "other_coops_lines": order.lines.exclude(partner__coop=coop).exists(),
        "status_form": StatusForm.for_order(order),
        "fulfillable": order.status in FULFILLABLE,
    }
    return render(request, "coops/order_detail.html", context, status=400)


@coop_view
@require_POST
def order_status(request, coop, number):
    order = _order_or_404(coop, number)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            fulfilment.bulk_change_status(
                coop=coop, orders=[order], to=form.cleaned_data["to"], by=request.user
            )
        except (ForbiddenTransition, fulfilment.FulfilmentError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Order %(number)s updated.") % {"number": order.number})
    else:
        messages.error(request, _("Choose a status."))
    return redirect("coops:order-detail", slug=coop.slug, number=order.number)


@coop_view
@require_GET
def packing_slip(request, coop, number):
    order = _order_or_404(coop, number)
    prefetch_related_objects(order.coop_lines, "trace_lot__lot")
    return render(request, "coops/packing_slip.html", {"coop": coop, "order": order})


@coop_view
@require_GET
def shipping_label(request, coop, number, producer_id):
    order = _order_or_404(coop, number)
    parcel = _parcel_or_404(order, producer_id)
    return render(request, "coops/shipping_label.html", {"coop": coop, "order": order, "parcel": parcel})


def _period(request, *, months_back: int):
    form = PeriodForm(request.GET or None)
    today_ = timezone.localdate()
    default_start = (today_.replace(day=1) - timedelta(days=31 * (months_back - 1))).replace(day=1)
    return form, form.period_or(default_start)


@coop_view
@require_GET
def sales_report(request, coop):
    form, period = _period(request, months_back=12)
    by_month = reports.sales_by_month(coop=coop, period=period)
    by_product = reports.sales_by_product(coop=coop, period=period)
    by_producer = reports.sales_by_producer(coop=coop, period=period)
    context = {
        "coop": coop,
        "form": form,
        "period": period,
        "by_month": by_month,
        "by_product": by_product,
        "by_producer": by_producer,
        "total": sum(row.amount for row in by_month),
        "charts": [
            charts.bar_chart(title=_("Sales by month"), rows=[(r.label, r.amount) for r in by_month]),
            charts.bar_chart(title=_("Sales by producer"), rows=[(r.label, r.amount) for r in by_producer]),
            charts.bar_chart(title=_("Sales by product"), rows=[(r.label, r.amount) for r in by_product]),
        ],
    }
    return render(request, "coops/sales_report.html", context)


@coop_view
@require_GET
def settlement_report(request, coop):
    form, period = _period(request, months_back=1)
    statement = reports.settlement(coop=coop, period=period)
    return render(request, "coops/settlement.html", {"coop": coop, "form": form, "statement": statement})


def _report_table(report_name: str, coop, period) -> tuple[str, list[str], list[list]]:
    if report_name == "settlement":
        statement = reports.settlement(coop=coop, period=period)
        headers = [_("Producer"), _("Orders"), _("Gross (VND)"), _("Co-op fee (VND)"), _("Net owed (VND)")]
        rows = [[r.producer, r.orders, r.gross, r.fee, r.net] for r in statement.rows]
        rows.append([_("Total"), "", statement.gross, statement.fee, statement.net])
        return _("Settlement"), headers, rows
    selector = {
        "sales-by-product": reports.sales_by_product,
        "sales-by-producer": reports.sales_by_producer,
        "sales-by-month": reports.sales_by_month,
    }.get(report_name)
    if selector is None:
        raise Http404("no such report")
    headers = [_("Name"), _("Quantity"), _("Orders"), _("Sales (VND)")]
    rows = [[r.label, r.quantity, r.orders, r.amount] for r in selector(coop=coop, period=period)]
    return _("Sales"), headers, rows


@coop_view
@require_GET
def report_export(request, coop, report_name, file_format):
    _form, period = _period(request, months_back=12 if report_name != "settlement" else 1)
    title, headers, rows = _report_table(report_name, coop, period)
    filename = f"{coop.slug}-{report_name}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{file_format}"
    if file_format == "csv":
        response = HttpResponse(
            exports.to_csv(headers=headers, rows=rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.to_xlsx(title=title, headers=headers, rows=rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
