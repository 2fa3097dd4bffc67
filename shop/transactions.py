"""Requests that may write run in one transaction; reads run in none.

Django's ``ATOMIC_REQUESTS`` wraps every view in a transaction. On SQLite the shop's transactions
are ``BEGIN IMMEDIATE`` (the write lock is taken at once, so concurrent checkouts wait for each
other instead of failing with "database is locked"), which made every page view queue behind
every other one. Here only unsafe methods (POST, PUT, PATCH, DELETE) get the transaction; GET,
HEAD and OPTIONS run in autocommit and, in WAL mode, never wait for a writer. Services that write
open their own ``transaction.atomic()`` blocks whatever the method.
"""

from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpRequest

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class WriteRequestsAtomicMiddleware:
    """``ATOMIC_REQUESTS`` for unsafe methods only (honours ``transaction.non_atomic_requests``).

    It calls the view itself from ``process_view``, so it must be the last middleware: any
    ``process_view`` after it would be skipped.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS:
            return None
        if DEFAULT_DB_ALIAS in getattr(view_func, "_non_atomic_requests", set()):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
