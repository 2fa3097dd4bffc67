"""Health answers for load balancers: ``/healthz`` (the process is up) and ``/readyz`` (its dependencies).

``/healthz`` is answered by the first middleware, before sessions, the cache, the database or
even the Host check are reached: a load balancer probing by address gets "ok" as long as the
process serves. ``/readyz`` looks at each dependency in turn and reports it by name. It answers
503 only when the database is unreachable (nothing can be served); a cache, storage or task
backlog problem is reported as "degraded" with 200, because the shop keeps serving without the
cache (slower) and a whole fleet should not be taken out of rotation for it.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

HEALTHZ_PATH = "/healthz"


class HealthzMiddleware:
    """Answer ``/healthz`` before any other middleware runs (first in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == HEALTHZ_PATH and request.method in ("GET", "HEAD"):
            response = HttpResponse("ok", content_type="text/plain")
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    # The cache ignores its own connection errors (the shop fails open), so a probe value that
    # does not come back is how an unreachable cache shows.
    key, token = "readyz:probe", uuid.uuid4().hex
    cache.set(key, token, 30)
    return "ok" if cache.get(key) == token else "down"


def _storage() -> str:
    default_storage.exists("readyz-probe")
    return "ok"


def _task_backlog() -> str:
    from django_tasks import default_task_backend

    if not default_task_backend.supports_get_result:
        return "ok (tasks run in the request)"
    from jobs.selectors import late_jobs

    late = late_jobs().count()
    return "ok" if late == 0 else f"late: {late} job(s) waiting past their time"


CHECKS = {"database": _database, "cache": _cache, "storage": _storage, "task_backlog": _task_backlog}


def _run(check) -> str:
    try:
        return check()
    except Exception as error:  # a probe reports every way its dependency fails
        logger.warning("readiness check %s failed: %r", check.__name__, error)
        return f"down: {type(error).__name__}"


@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Each dependency's state by name; 503 only without a database (see the module docstring)."""
    started = time.monotonic()
    states = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(state.startswith("ok") for state in states.values())
    body = {
        "status": "ok" if healthy else "degraded",
        **states,
        "seconds": round(time.monotonic() - started, 3),
    }
    if not states["database"].startswith("ok"):
        body["status"] = "down"
    response = JsonResponse(body, status=200 if body["status"] != "down" else 503)
    response["Cache-Control"] = "no-store"
    return response
