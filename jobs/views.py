"""The dashboard's page of background jobs: counts, and the failed ones with their errors."""

from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks_db.models import DBTaskResult

from . import selectors, services

staff_member_required = user_passes_test(lambda user: user.is_active and user.is_staff)


@staff_member_required
def job_list(request):
    return render(
        request,
        "jobs/dashboard/job_list.html",
        {"counts": selectors.job_counts(), "failed": selectors.failed_jobs()},
    )


@staff_member_required
@require_POST
def job_run_again(request, pk):
    try:
        services.job_run_again(result_id=pk)
    except (DBTaskResult.DoesNotExist, ImportError, ValueError):
        messages.error(request, _("This job cannot be run again."))
    else:
        messages.success(request, _("The job is queued again."))
    return redirect("jobs_dashboard:list")
