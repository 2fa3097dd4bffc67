"""Staff actions on background jobs."""

from django_tasks_db.models import DBTaskResult


def job_run_again(*, result_id) -> None:
    """Queue a failed job again with the same arguments (a fresh set of attempts).

    Raises ``DBTaskResult.DoesNotExist`` for an unknown id and ``ImportError`` when the
    job's task no longer exists in the code.
    """
    result = DBTaskResult.objects.get(pk=result_id, status="FAILED")
    task = result.task
    kwargs = {name: value for name, value in result.args_kwargs["kwargs"].items() if name != "retry_attempt"}
    task.enqueue(*result.args_kwargs["args"], **kwargs)
