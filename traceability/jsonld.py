"""JSON-LD processing of the shop's EPCIS documents without the network.

The official EPCIS 2.0.0 context comes from the ``epcis-event-hash-generator`` package (GS1
Germany's reference implementation of the EPCIS event hash, which ships GS1's context files as
data); the shop's own vocabulary needs no remote context. Any other remote context is refused,
so expanding a document never reaches out.
"""

import importlib.resources
import json
from functools import cache

from pyld import jsonld

#: Context URL → the file the package ships for it.
SHIPPED_CONTEXTS = {
    "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld":
        "e532647e8eb371379b8b0e8602d8981c8566bc60f7351f22c76a5bc865962008.jsonld",
}


@cache
def _context(url: str) -> dict:
    text = importlib.resources.files("epcis_event_hash_generator").joinpath(SHIPPED_CONTEXTS[url]).read_text()
    return json.loads(text)


def document_loader(url: str, options=None) -> dict:
    """A pyld document loader answering the shipped contexts; raises JsonLdError for anything else."""
    if url not in SHIPPED_CONTEXTS:
        raise jsonld.JsonLdError(
            f"{url} is not shipped with the shop", "jsonld.LoadDocumentError", code="loading document failed"
        )
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": _context(url)}


def expand(document: dict) -> list:
    """The expanded form of ``document``, with every context resolved offline."""
    return jsonld.expand(document, {"documentLoader": document_loader})
