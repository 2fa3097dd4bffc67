"""Query budgets: a page must cost the same number of SQL queries however large the catalogue grows."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


class QueryBudget:
    """Counts the queries of one request; compare two counts to prove they do not grow."""

    @staticmethod
    def count(request: Callable[[], object]) -> tuple[int, object]:
        with CaptureQueriesContext(connection) as captured:
            response = request()
        return len(captured.captured_queries), response

    @classmethod
    def assert_constant(cls, request: Callable[[], object], grow: Callable[[], None]) -> int:
        """Run ``request``, ``grow`` the data, run it again: both must cost the same queries."""
        request()  # warm caches (site root paths, content types) so both counts are comparable
        before, response = cls.count(request)
        assert response.status_code == 200, response.status_code
        grow()
        request()
        after, response = cls.count(request)
        assert response.status_code == 200, response.status_code
        assert before == after, f"queries grew from {before} to {after}"
        return after
