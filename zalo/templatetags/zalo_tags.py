"""Template tags of the Zalo links: "Share on Zalo" (with a copy-link fallback) and "Chat on Zalo"."""

from django import template
from django.conf import settings

from cms.models import SellerIdentity

register = template.Library()


def chat_url(*, oa_id: str = "", phone: str = "") -> str:
    """``https://zalo.me/<OA id>`` or ``https://zalo.me/<phone>``; "" when there is neither."""
    if oa_id:
        return f"https://zalo.me/{oa_id.strip()}"
    digits = "".join(ch for ch in str(phone or "") if ch.isdigit())
    if digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return f"https://zalo.me/{digits}" if digits else ""


@register.simple_tag
def zalo_chat_url(party) -> str:
    """Chat link of a producer (``zalo_oa_id``, ``zalo``) or a co-op (``zalo_oa_id``, ``zalo_phone``)."""
    if party is None:
        return ""
    return chat_url(
        oa_id=getattr(party, "zalo_oa_id", ""),
        phone=getattr(party, "zalo_phone", "") or getattr(party, "zalo", ""),
    )


@register.inclusion_tag("zalo/partials/chat_links.html")
def zalo_chat_links(producer=None, coop=None) -> dict:
    """"Chat on Zalo" buttons for a producer and its co-op (each only when it is on Zalo)."""
    coop = coop or getattr(producer, "coop", None)
    links = []
    for party, kind in ((producer, "producer"), (coop, "coop")):
        url = zalo_chat_url(party)
        if url:
            links.append({"url": url, "name": party.name, "kind": kind})
    return {"links": links}


@register.inclusion_tag("zalo/partials/share.html", takes_context=True)
def zalo_share(context, url: str = "") -> dict:
    """The share button of a page: Zalo's plugin, loaded when pressed, and a copy-link fallback."""
    request = context.get("request")
    if not url and request is not None:
        url = request.build_absolute_uri(request.path)
    identity = SellerIdentity.load(request_or_site=request) if request is not None else SellerIdentity.load()
    return {"share_url": url, "oa_id": identity.zalo_oa_id, "script": settings.ZALO_SHARE_SCRIPT}


@register.inclusion_tag("zalo/partials/order_zalo.html", takes_context=True)
def order_zalo(context, order, token: str) -> dict:
    """The order page's Zalo box: chat with the order's producers and co-ops, and the buyer's
    choice of order messages on Zalo (shown only when the shop sends them)."""
    from zalo.channel import buyer_phone
    from zalo.models import ZaloChoice
    from zalo.tokens import is_configured

    links, seen = [], set()
    for line in order.lines.select_related("partner__coop"):
        for party, kind in ((line.partner, "producer"), (getattr(line.partner, "coop", None), "coop")):
            url = zalo_chat_url(party)
            if url and url not in seen:
                seen.add(url)
                links.append({"url": url, "name": party.name, "kind": kind})
    offers_messages = is_configured() and bool(buyer_phone(order))
    return {
        "links": links,
        "token": token,
        "offers_messages": offers_messages,
        "on_zalo": offers_messages and ZaloChoice.wants_zalo(order),
        "csrf_token": context.get("csrf_token"),
    }
