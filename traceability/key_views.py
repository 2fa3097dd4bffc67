"""The public half of the trace signing key, so anyone can check a lot's seal without the shop."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from . import signing


@require_safe
def signing_key(request: HttpRequest) -> JsonResponse:
    """JSON Web Key Set of the Ed25519 key that signs every published lot's seal."""
    body = {
        **signing.public_jwks(),
        "description": (
            "Each published lot's seal (its header hash, last entry hash, entry count and "
            "certificates, canonical JSON) is signed with this key; the EPCIS and trace pages "
            "carry the seal and its signature."
        ),
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response
