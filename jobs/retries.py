"""Background tasks that try again: ``@retrying_task`` is django-tasks' ``@task`` with retries and backoff.

django-tasks runs a task once. A task that talks to the outside world (a mail server, the
storage) fails for reasons that pass, so a failed attempt is queued again after
``backoff_seconds * 2 ** (attempt - 1)`` seconds, up to ``attempts`` tries. The last attempt's
error is raised, so the task ends FAILED with its traceback, which staff see at
``/dashboard/jobs/``. A backend that cannot defer (the immediate backend of tests) does not retry.
"""

import functools
import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def backoff_delay(*, attempt: int, backoff_seconds: int) -> int:
    """Seconds to wait after the ``attempt``-th failure: 1×, 2×, 4×, … the base delay."""
    return backoff_seconds * 2 ** (attempt - 1)


def retrying_task(*, attempts: int = 5, backoff_seconds: int = 30, **task_options):
    """Decorate a module-level function as a django-tasks task that retries with backoff.

    The function receives its own arguments only; the attempt number travels as the
    ``retry_attempt`` keyword of the queued task.
    """

    def decorate(func):
        @functools.wraps(func)
        def run(*args, retry_attempt: int = 1, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as error:
                if retry_attempt >= attempts or not the_task.get_backend().supports_defer:
                    raise
                delay = backoff_delay(attempt=retry_attempt, backoff_seconds=backoff_seconds)
                the_task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                    *args, retry_attempt=retry_attempt + 1, **kwargs
                )
                logger.warning(
                    "%s failed (attempt %d of %d), trying again in %ds: %r",
                    the_task.name, retry_attempt, attempts, delay, error, exc_info=True,
                )
                return {"failed_attempt": retry_attempt, "retry_in_seconds": delay, "error": repr(error)}

        the_task = task(**task_options)(run)
        return the_task

    return decorate
