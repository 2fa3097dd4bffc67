"""Accept a write exactly once: the ``Idempotency-Key`` header and the store of first answers.

A producer's phone queues a diary entry or a stock change while it has no signal and sends it
again until an answer arrives, so the server may see the same request several times (the first
one may even have been handled while its answer was lost on the way back). ``idempotent`` wraps
a view: the first request with a key runs the view, and its answer is kept in ``SentRequest`` in
the same transaction as the view's writes; every later request with that key gets the kept
answer (with ``Idempotent-Replayed: true``) and writes nothing. Answers of 500 and above are not
kept: the write did not happen, and the next attempt runs the view again.
"""

import re
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import SentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
#: A UUID from ``crypto.randomUUID()``, or any other opaque token of the same alphabet.
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
#: How long a key is remembered: far longer than a phone stays out of signal.
KEPT_FOR = timedelta(days=30)


class _NotKept(Exception):
    """Leave the savepoint (undoing the key's row) but still answer with ``response``."""

    def __init__(self, response: HttpResponse):
        self.response = response


def _replay(sent: SentRequest, request: HttpRequest) -> HttpResponse:
    if sent.method != request.method or sent.path != request.path or sent.status is None:
        return JsonResponse(
            {"error": _("This key was already used for another request. Send it with a new key.")}, status=422
        )
    response = HttpResponse(bytes(sent.body), status=sent.status, content_type=sent.content_type or None)
    if sent.location:
        response["Location"] = sent.location
    response[REPLAYED_HEADER] = "true"
    return response


def _keep(sent: SentRequest, response: HttpResponse) -> None:
    sent.status = response.status_code
    sent.content_type = response.get("Content-Type", "")[:100]
    sent.location = response.get("Location", "")[:255]
    sent.body = response.content
    sent.save(update_fields=["status", "content_type", "location", "body"])


def idempotent(view):
    """Run ``view`` once per ``Idempotency-Key`` of the logged-in user; replay its answer after that.

    Requests without the header, or not POST, or by an anonymous user, pass straight through.
    A malformed key is a 400 (in the user's language); the same key on another path is a 422.
    Place it inside the log-in check, so that only a signed-in user's requests are kept.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if request.method != "POST" or not key or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if not KEY_PATTERN.match(key):
            return JsonResponse({"error": _("The request's key is not valid. Send it again.")}, status=400)
        sent = SentRequest.objects.filter(user=request.user, key=key).first()
        if sent is not None:
            return _replay(sent, request)
        try:
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        sent = SentRequest.objects.create(
                            user=request.user, key=key, method=request.method, path=request.path[:255]
                        )
                except IntegrityError:
                    # The same request arrived twice at once; the first one's answer is the answer.
                    return _replay(SentRequest.objects.get(user=request.user, key=key), request)
                response = view(request, *args, **kwargs)
                if response.status_code >= 500 or getattr(response, "streaming", False):
                    raise _NotKept(response)
                _keep(sent, response)
        except _NotKept as not_kept:
            return not_kept.response
        return response

    return wrapper


def forget_old_requests(*, now=None) -> int:
    """Delete keys older than ``KEPT_FOR``; returns how many. A phone never waits that long."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    deleted, _by_model = SentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
