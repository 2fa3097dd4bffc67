"""The shop's periodic jobs, run by the task worker: each run queues the next one.

There is no separate clock process. ``manage.py schedule_jobs`` (run before the workers start,
safe to repeat) queues the first run of every job that has none waiting; each run, when it
ends (whether its command succeeded or failed), queues the next run at the job's next time.
A job with a run already waiting is never queued twice, so any number of workers and repeated
``schedule_jobs`` keep one chain per job. Each job is the management command of the same name,
which stays available for running by hand.
"""

import io
import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend, task

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """A management command run every ``every``, or once a day at the local time ``daily_at``."""

    command: str
    every: timedelta | None = None
    daily_at: time | None = None

    def next_run(self, *, after: datetime) -> datetime:
        if self.every is not None:
            return after + self.every
        local = timezone.localtime(after)
        candidate = local.replace(
            hour=self.daily_at.hour, minute=self.daily_at.minute, second=0, microsecond=0
        )
        if candidate <= local:
            candidate += timedelta(days=1)
        return candidate


PERIODIC_JOBS = {
    job.command: job
    for job in (
        PeriodicJob(command="expire_unpaid_orders", every=timedelta(minutes=5)),
        PeriodicJob(command="query_wallet_payments", every=timedelta(minutes=2)),
        PeriodicJob(command="send_order_messages", every=timedelta(minutes=5)),
        PeriodicJob(command="flush_trace_scans", every=timedelta(minutes=5)),
        PeriodicJob(command="publish_scheduled", every=timedelta(minutes=5)),
        PeriodicJob(command="coop_daily_summary", daily_at=time(7, 0)),
        PeriodicJob(command="trace_verify", daily_at=time(3, 0)),
        PeriodicJob(command="forget_sent_requests", daily_at=time(3, 30)),
    )
}


def schedules_in_worker() -> bool:
    """Only a backend with a worker and deferred runs (the database backend) can keep the schedule."""
    return bool(default_task_backend.supports_defer and default_task_backend.supports_get_result)


def _waiting(name: str) -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=run_periodic_job.module_path,
        args_kwargs__args__0=name,
    ).exists()


def queue_next_run(*, name: str, after: datetime | None = None) -> datetime | None:
    """Queue the job's next run unless one is already waiting; returns when it will run, or None."""
    if _waiting(name):
        return None
    when = PERIODIC_JOBS[name].next_run(after=after or timezone.now())
    run_periodic_job.using(run_after=when).enqueue(name)
    return when


def schedule_all() -> dict[str, datetime | None]:
    """Queue the first run of every job that has none waiting (``manage.py schedule_jobs``)."""
    return {name: queue_next_run(name=name) for name in PERIODIC_JOBS}


@task()
def run_periodic_job(name: str) -> str:
    """Run one periodic job's command and queue its next run; raises what the command raised."""
    output = io.StringIO()
    try:
        call_command(PERIODIC_JOBS[name].command, stdout=output, stderr=output)
    finally:
        queue_next_run(name=name)
    return output.getvalue()[-2000:]
