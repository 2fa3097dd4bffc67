"""Ed25519 signatures over each published lot's seal, with a key held outside the database.

Whoever can write to the database can recompute every hash of a chain; they cannot sign the
result without the private key, which comes from the environment (``TRACE_SIGNING_KEY``: the
32-byte raw key, base64). Production refuses to start without it; development and tests derive
one from ``SECRET_KEY`` with HKDF, so a developer's key is never a production key. The public
key is published as a JSON Web Key Set at ``/.well-known/trace-signing-key`` so that anyone can
check a trace record offline.
"""

import base64
import hashlib
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DERIVATION_INFO = b"ocop-market trace signing key (development only)"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def generate_key() -> str:
    """A new private key as ``TRACE_SIGNING_KEY`` expects it (for ``manage.py trace_signing_key``)."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode()


@lru_cache(maxsize=4)
def _private_key(configured: str, secret_key: str) -> Ed25519PrivateKey:
    if configured:
        try:
            raw = base64.b64decode(configured, validate=True)
            return Ed25519PrivateKey.from_private_bytes(raw)
        except ValueError as error:
            raise ImproperlyConfigured("TRACE_SIGNING_KEY must be 32 bytes in base64") from error
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=DERIVATION_INFO).derive(
        secret_key.encode()
    )
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key() -> Ed25519PrivateKey:
    return _private_key(settings.TRACE_SIGNING_KEY, settings.SECRET_KEY)


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_key_bytes() -> bytes:
    return public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id() -> str:
    """The first 16 hex digits of the public key's SHA-256: names the key a seal was signed with."""
    return hashlib.sha256(public_key_bytes()).hexdigest()[:16]


def sign(content: bytes) -> str:
    """The Ed25519 signature of ``content``, base64url without padding."""
    return _b64url(private_key().sign(content))


def verifies(content: bytes, signature: str) -> bool:
    """Does ``signature`` (base64url) sign ``content`` with this shop's key? Never raises."""
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        public_key().verify(raw, content)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def public_jwks() -> dict:
    """The public key as a JSON Web Key Set (RFC 8037 OKP key, algorithm EdDSA)."""
    return {
        "keys": [
            {"kty": "OKP", "crv": "Ed25519", "x": _b64url(public_key_bytes()), "kid": key_id(),
             "alg": "EdDSA", "use": "sig"}
        ]
    }
