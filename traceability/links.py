"""The one table of links of a product and of a lot, by GS1 link type.

The resolver routes ``linkType`` requests from it, the linkset (RFC 9264) and the ``Link`` header
serialise it, the trace page prints its links and the QR label encodes its anchor. Identifiers
(the anchor) are on ``TRACE_BASE_URL``, the domain printed in QR codes; the shop's pages (product
pages, certificate documents) are on ``SITE_URL``, never on whichever host a request used.
"""

from dataclasses import dataclass
from urllib.parse import quote, urljoin

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from . import gs1

GS1_VOC = "https://gs1.org/voc/"
#: Where GS1 also publishes its vocabulary; a linkType in either URI form is recognised.
GS1_VOC_ALIASES = (GS1_VOC, "https://ref.gs1.org/voc/", "http://gs1.org/voc/", "https://www.gs1.org/voc/")
LINKSET_TYPE = "application/linkset+json"
JSON_LD_TYPE = "application/ld+json"
LINKSET_CONTEXT = "https://ref.gs1.org/standards/resolver/linkset-context"
JSON_LD_CONTEXT_REL = "http://www.w3.org/ns/json-ld#context"
#: Link types this resolver may answer (the resolver description lists them).
LINK_TYPES = ("defaultLink", "pip", "traceability", "epcis", "certificationInfo")
#: What the QR label carries after the lot, per product class: honey is dated by its expiry
#: (AI 17, "Hạn sử dụng"); tea and every other class by best before (AI 15).
LABEL_DATE_AI = {"honey": "17"}
DEFAULT_LABEL_DATE_AI = "15"


def base_url() -> str:
    """The domain printed in QR codes; identifiers stay the same whichever host served the request."""
    return getattr(settings, "TRACE_BASE_URL", settings.SITE_URL).rstrip("/")


def site_url(path: str) -> str:
    """``path`` on the shop's configured address (an absolute URL, e.g. on S3, stays as it is)."""
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path)


def lot_uri(lot) -> str:
    """The lot's GS1 Digital Link: its identifier in EPCIS and the anchor of its links."""
    return gs1.build_digital_link(base=base_url(), gtin=lot.gtin, lot=lot.code)


def product_uri(gtin: str) -> str:
    return gs1.build_digital_link(base=base_url(), gtin=gtin)


def label_date_ai(product) -> str:
    """The AI of the date printed on the product's labels: 17 (expiry) or 15 (best before)."""
    product_class = product.get_product_class() if product is not None else None
    slug = getattr(product_class, "slug", "") or ""
    return next((ai for key, ai in LABEL_DATE_AI.items() if key in slug), DEFAULT_LABEL_DATE_AI)


def label_uri(lot) -> str:
    """What the QR label encodes: the lot's Digital Link with its date (AI 15 or 17) as data."""
    attributes = {label_date_ai(lot.product): lot.best_before} if lot.best_before else {}
    return gs1.build_digital_link(base=base_url(), gtin=lot.gtin, lot=lot.code, attributes=attributes)


@dataclass(frozen=True)
class Link:
    """One link of the table. ``answered_here``: the Digital Link itself answers it (no redirect)."""

    link_type: str
    href: str
    title: str
    media_type: str = "text/html"
    hreflang: tuple[str, ...] = ()
    answered_here: bool = False

    def as_linkset(self) -> dict:
        target = {"href": self.href, "title": self.title, "type": self.media_type}
        if self.hreflang:
            target["hreflang"] = list(self.hreflang)
        return target

    def as_header(self) -> str:
        value = f'<{self.href}>; rel="{GS1_VOC}{self.link_type}"; type="{self.media_type}"'
        if self.hreflang:
            value += "".join(f'; hreflang="{language}"' for language in self.hreflang)
        return f"{value}; title*=UTF-8''{quote(self.title, safe='')}"


@dataclass(frozen=True)
class LinkTable:
    """Every link of a product or a lot; ``anchor`` is its Digital Link."""

    anchor: str
    links: tuple[Link, ...]

    @property
    def linkset_url(self) -> str:
        return f"{self.anchor}?linkType=linkset"

    def of_type(self, link_type: str) -> list[Link]:
        return [link for link in self.links if link.link_type == link_type]

    def choose(self, link_type: str, *, language: str) -> Link | None:
        """The link of ``link_type`` in ``language`` (else the first of that type), or None."""
        candidates = self.of_type(link_type)
        for link in candidates:
            if not link.hreflang or language in link.hreflang:
                return link
        return candidates[0] if candidates else None

    def linkset(self, *, json_ld: bool = False) -> dict:
        """The RFC 9264 linkset, as GS1-Conformant resolvers publish it (JSON-LD with its context)."""
        entry = {"anchor": self.anchor}
        for link in self.links:
            entry.setdefault(f"{GS1_VOC}{link.link_type}", []).append(link.as_linkset())
        document = {"linkset": [entry]}
        return {"@context": LINKSET_CONTEXT, **document} if json_ld else document

    def link_header(self) -> str:
        """The ``Link`` header: the linkset, its JSON-LD context, then every link of the table."""
        return ", ".join([
            f'<{self.linkset_url}>; rel="linkset"; type="{LINKSET_TYPE}"',
            f'<{LINKSET_CONTEXT}>; rel="{JSON_LD_CONTEXT_REL}"; type="{JSON_LD_TYPE}"',
            *(link.as_header() for link in self.links),
        ])


def _product_pages(product) -> list[Link]:
    pages = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            pages.append(Link("pip", site_url(product.get_absolute_url()), product.title, hreflang=(language,)))
    return pages


def _certificate_links(certificates, *, fallback: str) -> list[Link]:
    links = []
    for certificate in certificates:
        if certificate.document:
            href, media_type = site_url(certificate.document.url), "application/pdf"
            if not certificate.document.name.lower().endswith(".pdf"):
                media_type = "application/octet-stream"
        else:
            href, media_type = f"{fallback}#certificate-{certificate.pk}", "text/html"
        links.append(Link("certificationInfo", href, str(certificate), media_type))
    return links


def lot_links(*, lot, certificates) -> LinkTable:
    """The links of a published lot: its trace page (the default), product page, EPCIS, certificates."""
    anchor = lot_uri(lot)
    title = _("%(product)s, lot %(lot)s") % {"product": lot.product.title, "lot": lot.code}
    languages = tuple(code for code, _name in settings.LANGUAGES)
    page = {"href": anchor, "title": title, "hreflang": languages, "answered_here": True}
    return LinkTable(anchor=anchor, links=(
        Link("defaultLink", **page),
        Link("traceability", **page),
        *_product_pages(lot.product),
        Link("epcis", f"{anchor}?linkType=gs1:epcis", _("EPCIS 2.0 events of lot %(lot)s") % {"lot": lot.code},
             JSON_LD_TYPE, answered_here=True),
        *_certificate_links(certificates, fallback=anchor),
    ))


def product_links(*, product, gtin: str, latest_lot=None, certificates=()) -> LinkTable:
    """The links of a product without a lot: its page (the default), its latest lot, its certificates."""
    anchor = product_uri(gtin)
    pages = _product_pages(product)
    links = [Link("defaultLink", p.href, p.title, hreflang=p.hreflang) for p in pages] + pages
    if latest_lot is not None:
        links.append(Link("traceability", lot_uri(latest_lot),
                          _("%(product)s, lot %(lot)s") % {"product": product.title, "lot": latest_lot.code}))
    links += _certificate_links(certificates, fallback=pages[0].href)
    return LinkTable(anchor=anchor, links=tuple(links))
