"""Which producer a request acts for: the producer's own users, or a co-op user entering for a member.

A co-op clerk chooses a member on the co-op's members screen; the choice is kept in the session
and checked again on every request against the co-op's membership and the clerk's place in it,
so a member who leaves the co-op, or a clerk removed from it, loses the choice at once. Portal
and diary views resolve their producers only through ``producers_for`` and ``acting_for``.
"""

from dataclasses import dataclass

from oscar.core.loading import get_model

from . import selectors

Partner = get_model("partner", "Partner")

SESSION_KEY = "acting_for"


@dataclass(frozen=True)
class ActingFor:
    """A co-op user (``clerk``) entering records for ``producer``, a member of ``coop``."""

    coop: object
    producer: object
    clerk: object


def acting_for(request) -> ActingFor | None:
    """The member the request's user acts for, or None; an invalid choice is dropped from the session."""
    if hasattr(request, "_acting_for"):
        return request._acting_for
    request._acting_for = None
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if chosen and request.user.is_authenticated:
        producer = (
            Partner.objects.select_related("coop")
            .filter(pk=chosen.get("producer"), coop_id=chosen.get("coop"), coop__users=request.user)
            .first()
        )
        if producer is None:
            request.session.pop(SESSION_KEY, None)
        else:
            request._acting_for = ActingFor(coop=producer.coop, producer=producer, clerk=request.user)
    elif chosen:
        request.session.pop(SESSION_KEY, None)
    return request._acting_for


def producers_for(request) -> list:
    """The producers whose records this request may read and write: the acted-for member alone,
    or else the user's own producers (Oscar's partner users)."""
    acting = acting_for(request)
    if acting is not None:
        return [acting.producer]
    return list(selectors.producers_of_user(user=request.user))


def start_acting(request, *, coop, producer) -> ActingFor:
    """Act for ``producer`` from now on. Raises ValueError unless it is a member of ``coop`` and
    the user works for ``coop`` (the caller looks both up through the user's co-ops)."""
    if producer.coop_id != coop.pk or not coop.users.filter(pk=request.user.pk).exists():
        raise ValueError("not a member of this co-op")
    request.session[SESSION_KEY] = {"coop": coop.pk, "producer": producer.pk}
    request._acting_for = ActingFor(coop=coop, producer=producer, clerk=request.user)
    return request._acting_for


def stop_acting(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request._acting_for = None
