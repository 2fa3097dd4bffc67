"""Reads about background jobs for staff and for the readiness check."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus

#: A job waiting longer than this past its time means the workers are missing or too few.
BACKLOG_LATE_AFTER = timedelta(minutes=5)


def _results():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.all()


def failed_jobs(*, limit: int = 100):
    """The most recent failed jobs (each retried to its last attempt), newest first."""
    return _results().filter(status=TaskResultStatus.FAILED).order_by("-finished_at")[:limit]


def late_jobs():
    """Jobs that should have started more than BACKLOG_LATE_AFTER ago and have not."""
    from django_tasks_db.models import get_date_max

    since = timezone.now() - BACKLOG_LATE_AFTER
    return _results().filter(
        Q(run_after=get_date_max(), enqueued_at__lt=since) | Q(run_after__lt=since),
        status=TaskResultStatus.READY,
    )


def job_counts() -> dict[str, int]:
    """How many jobs wait, are late, run, and failed in the last week."""
    now = timezone.now()
    results = _results()
    return {
        "waiting": results.filter(status=TaskResultStatus.READY).count(),
        "late": late_jobs().count(),
        "running": results.filter(status=TaskResultStatus.RUNNING).count(),
        "failed_this_week": results.filter(
            status=TaskResultStatus.FAILED, finished_at__gte=now - timedelta(days=7)
        ).count(),
    }
