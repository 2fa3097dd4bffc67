"""The certificates a producer listed for a product, once staff have confirmed them."""

from django import template
from django.core.exceptions import ObjectDoesNotExist

from portal.models import OcopClaim

register = template.Library()


@register.simple_tag
def confirmed_certificates(product) -> list[str]:
    """One line per certificate (name, number, issuer) of a confirmed claim; [] otherwise."""
    try:
        claim = product.ocop_claim
    except ObjectDoesNotExist:
        return []
    if claim.status != OcopClaim.Status.CONFIRMED:
        return []
    return [line.strip() for line in claim.certificates.splitlines() if line.strip()]
