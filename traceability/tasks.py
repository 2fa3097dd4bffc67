"""Background work of traceability: moving cached scan counts into the database."""

from jobs.retries import retrying_task

from . import caching


@retrying_task(attempts=3, backoff_seconds=30)
def flush_lot_scans(lot_id: int) -> int:
    """Write the scans of one lot counted in the shared cache to ScanCount; returns how many."""
    return caching.flush_scans(lot_ids=[lot_id])
