"""Queue the first run of each periodic job (jobs/schedule.py); run it before starting the workers."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from jobs.schedule import PERIODIC_JOBS, schedule_all, schedules_in_worker


class Command(BaseCommand):
    help = "Queue every periodic job that has no run waiting (safe to run again at any time)."

    def handle(self, *args, **options):
        if not schedules_in_worker():
            self.stdout.write(
                "The task backend runs tasks at once and keeps no schedule; run these commands "
                f"from cron instead: {', '.join(PERIODIC_JOBS)}"
            )
            return
        for name, when in schedule_all().items():
            state = f"next run {timezone.localtime(when):%Y-%m-%d %H:%M}" if when else "already waiting"
            self.stdout.write(f"{name}: {state}")
