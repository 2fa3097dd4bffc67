"""Periodic jobs live in the task queue: one run waiting per job, each run queueing the next."""

from datetime import datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.schedule import PERIODIC_JOBS, PeriodicJob, run_periodic_job

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _waiting() -> dict[str, int]:
    rows = DBTaskResult.objects.filter(task_path=run_periodic_job.module_path, status="READY")
    names = [row.args_kwargs["args"][0] for row in rows]
    return {name: names.count(name) for name in set(names)}


def test_schedule_jobs_queues_each_job_once_however_often_it_runs(database_tasks):
    call_command("schedule_jobs", stdout=StringIO())
    call_command("schedule_jobs", stdout=StringIO())
    assert _waiting() == dict.fromkeys(PERIODIC_JOBS, 1)
    runs = DBTaskResult.objects.filter(task_path=run_periodic_job.module_path)
    assert all(run.run_after > timezone.now() for run in runs)


def test_a_run_does_its_command_and_queues_the_next_run(database_tasks):
    output = run_periodic_job.call("flush_trace_scans")
    assert "scan(s) written" in output
    (queued,) = DBTaskResult.objects.filter(task_path=run_periodic_job.module_path, status="READY")
    assert queued.args_kwargs["args"] == ["flush_trace_scans"]
    assert timedelta(minutes=4) < queued.run_after - timezone.now() <= timedelta(minutes=5)


def test_a_failing_run_still_queues_the_next_one(database_tasks, monkeypatch):
    broken = PeriodicJob(command="no_such_command", every=timedelta(minutes=5))
    monkeypatch.setitem(PERIODIC_JOBS, "flush_trace_scans", broken)
    with pytest.raises(Exception, match="no_such_command"):
        run_periodic_job.call("flush_trace_scans")
    assert _waiting() == {"flush_trace_scans": 1}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 12, 1, 6, 0, tzinfo=HANOI), datetime(2026, 12, 1, 7, 0, tzinfo=HANOI)),
        (datetime(2026, 12, 1, 7, 0, tzinfo=HANOI), datetime(2026, 12, 2, 7, 0, tzinfo=HANOI)),
        (datetime(2026, 12, 1, 23, 0, tzinfo=HANOI), datetime(2026, 12, 2, 7, 0, tzinfo=HANOI)),
    ],
)
def test_a_daily_job_runs_next_at_its_local_time(now, expected):
    assert PeriodicJob(command="coop_daily_summary", daily_at=time(7, 0)).next_run(after=now) == expected


def test_without_a_worker_the_command_says_to_use_cron(settings):
    out = StringIO()
    call_command("schedule_jobs", stdout=out)
    assert "cron" in out.getvalue() and "trace_verify" in out.getvalue()
