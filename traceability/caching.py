"""The trace page's cache and scan counter, both kept in Django's cache (Redis when REDIS_URL is set).

Page entries are keyed by the lot's identity, a per-lot *version*, the language and the format.
Every write through ``services`` bumps the version after its transaction commits, so the next
scan renders the new record; old entries simply expire.

Scans are counted with ``cache.incr`` on a key per lot and day (no address, agent or cookie is
kept). The counts reach the database (``ScanCount``) when a counter reaches ``SCAN_FLUSH_EVERY``,
on every uncached render, when the process exits (a worker restarted or stopped: the lots it
counted are flushed), and by ``manage.py flush_trace_scans`` (run it from cron; with Redis it sees
every process's counters, with the in-process cache only its own, which is why the request path
and the exit flush too). Counts not yet flushed are lost only if the cache is cleared or the
process is killed outright.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

VERSION_TIMEOUT = 60 * 60 * 24 * 30
SCAN_TIMEOUT = 60 * 60 * 24 * 3

logger = logging.getLogger(__name__)

#: Lots this process has counted scans of since it started.
_counted_here: set[int] = set()


def page_timeout() -> int:
    return getattr(settings, "TRACE_PAGE_CACHE_SECONDS", 3600)


def scan_flush_every() -> int:
    return getattr(settings, "TRACE_SCAN_FLUSH_EVERY", 50)


def _version_key(gtin: str, code: str) -> str:
    return f"trace:version:{gtin}:{code}"


def lot_version(gtin: str, code: str) -> int:
    version = cache.get(_version_key(gtin, code))
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(_version_key(gtin, code), version, VERSION_TIMEOUT)
        version = cache.get(_version_key(gtin, code), version)
    return version


def bump_lot_version(*, gtin: str, code: str) -> None:
    """Make every cached page of this lot stale (call after the write has committed)."""
    key = _version_key(gtin, code)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, int(timezone.now().timestamp() * 1000), VERSION_TIMEOUT)


def page_key(*, gtin: str, code: str, version: int, language: str, variant: str) -> str:
    return f"trace:page:{gtin}:{code}:{version}:{language}:{variant}"


def _scan_key(lot_id: int, day: date) -> str:
    return f"trace:scans:{lot_id}:{day.isoformat()}"


def count_scan(lot_id: int) -> int:
    """Add one scan of the lot today in the cache; returns the unflushed count."""
    _counted_here.add(lot_id)
    key = _scan_key(lot_id, timezone.localdate())
    cache.add(key, 0, SCAN_TIMEOUT)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, SCAN_TIMEOUT)
        return 1


def _seen_key(lot_id: int, day: date) -> str:
    return f"trace:scans-seen:{lot_id}:{day.isoformat()}"


def scan_flush_due(lot_id: int) -> bool:
    """Whether this scan is one of every SCAN_FLUSH_EVERY of the lot today, counted across processes.

    The trigger counts every scan and is never drained, so the scan that completes a batch always
    asks for a flush, however the flushes before it interleaved with the scans.
    """
    key = _seen_key(lot_id, timezone.localdate())
    cache.add(key, 0, SCAN_TIMEOUT)
    try:
        seen = cache.incr(key)
    except ValueError:
        cache.set(key, 1, SCAN_TIMEOUT)
        seen = 1
    return seen % scan_flush_every() == 0


def flush_scans(*, lot_ids, days=None) -> int:
    """Move the cached counts of ``lot_ids`` (today and yesterday by default) into ScanCount.

    Returns how many scans were written.
    """
    from .models import ScanCount

    today = timezone.localdate()
    days = days or [today, date.fromordinal(today.toordinal() - 1)]
    keys = {_scan_key(lot_id, day): (lot_id, day) for lot_id in lot_ids for day in days}
    pending = {key: value for key, value in cache.get_many(list(keys)).items() if value}
    written = 0
    for key, value in pending.items():
        lot_id, day = keys[key]
        try:
            cache.decr(key, value)
        except ValueError:
            continue
        with transaction.atomic():
            row, created = ScanCount.objects.get_or_create(lot_id=lot_id, day=day, defaults={"count": value})
            if not created:
                ScanCount.objects.filter(pk=row.pk).update(count=F("count") + value)
        written += value
    return written


def flush_counted_here() -> None:
    """Flush the counts of every lot this process counted (run when the process exits)."""
    if not _counted_here:
        return
    try:
        flush_scans(lot_ids=sorted(_counted_here))
    except Exception:  # the process is ending: report, never raise
        logger.exception("could not flush trace page scans at exit")
