"""The Official Account's access token: read from the database, refreshed with the refresh token.

Zalo's OA access token lives about 25 hours; the refresh token lives three months and can be used
**once** — every refresh answers with a new refresh token, which must replace the old one or the
shop loses access (Zalo's "Official Account API → Access token" documentation; the request is
``POST https://oauth.zaloapp.com/v4/oa/access_token`` with the header ``secret_key: <app secret>``
and the form ``refresh_token``, ``app_id``, ``grant_type=refresh_token``; the answer is JSON with
``access_token``, ``refresh_token`` and ``expires_in`` in seconds, or ``error``/``error_name``;
restated in https://www.hexasync.vn/zalo-oa-api-huong-dan-cach-lay-access-token-tu-refresh-token/).

The first refresh token comes from ``ZALO_OA_REFRESH_TOKEN``; after that the database holds the
current one. Both tokens are stored encrypted with a key derived from ``SECRET_KEY`` and never
logged. Web processes and workers refresh under a row lock (``select_for_update``), so two of
them never spend the same refresh token.
"""

import base64
import logging
from datetime import timedelta

import requests
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OAToken

logger = logging.getLogger(__name__)

#: Refresh this long before Zalo says the access token expires.
EXPIRY_MARGIN = timedelta(minutes=10)
TIMEOUT_SECONDS = 10


class ZaloUnavailable(Exception):
    """Zalo could not be asked or refused; ``code`` is Zalo's error code when it gave one."""

    def __init__(self, message: str, *, code: int | None = None):
        super().__init__(message)
        self.code = code


def is_configured() -> bool:
    """True when the shop has a Zalo OA app to send with (app id, secret and a refresh token)."""
    return bool(settings.ZALO_APP_ID and settings.ZALO_APP_SECRET and (
        settings.ZALO_OA_REFRESH_TOKEN or OAToken.objects.exclude(refresh_token="").exists()
    ))


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"zalo-oa-tokens").derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def unseal(value: str) -> str:
    if not value:
        return ""
    try:
        return _fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        logger.error("stored Zalo token cannot be decrypted (SECRET_KEY changed?)")
        return ""


def _row(*, lock: bool) -> OAToken:
    queryset = OAToken.objects.select_for_update() if lock else OAToken.objects
    row = queryset.order_by("pk").first()
    if row is None:
        OAToken.objects.get_or_create(pk=1)
        row = (OAToken.objects.select_for_update() if lock else OAToken.objects).get(pk=1)
    return row


def access_token() -> str:
    """A current access token, refreshing it first when it is missing or about to expire."""
    row = _row(lock=False)
    if row.access_token and row.access_expires_at and row.access_expires_at > timezone.now() + EXPIRY_MARGIN:
        return unseal(row.access_token)
    return refresh(stale=unseal(row.access_token))


def refresh(*, stale: str = "") -> str:
    """Exchange the refresh token for a new pair and store both; returns the new access token.

    ``stale`` is the access token the caller found wanting: when another process
    has already replaced it, that one's token is used and no refresh token is spent.
    Raises ZaloUnavailable when Zalo refuses or cannot be reached.
    """
    with transaction.atomic():
        row = _row(lock=True)
        if row.access_token and unseal(row.access_token) != stale and row.access_expires_at and (
            row.access_expires_at > timezone.now() + EXPIRY_MARGIN
        ):
            return unseal(row.access_token)
        current = unseal(row.refresh_token) or settings.ZALO_OA_REFRESH_TOKEN
        if not current:
            raise ZaloUnavailable("no Zalo OA refresh token")
        try:
            response = requests.post(
                settings.ZALO_OAUTH_URL,
                headers={"secret_key": settings.ZALO_APP_SECRET},
                data={"refresh_token": current, "app_id": settings.ZALO_APP_ID, "grant_type": "refresh_token"},
                timeout=TIMEOUT_SECONDS,
            )
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ZaloUnavailable(f"Zalo token refresh failed: {type(error).__name__}") from error
        if not answer.get("access_token") or not answer.get("refresh_token"):
            code = answer.get("error")
            logger.warning("Zalo refused the token refresh: error %s %s", code, answer.get("error_name", ""))
            raise ZaloUnavailable("Zalo refused the token refresh", code=int(code) if code else None)
        row.access_token = seal(answer["access_token"])
        row.refresh_token = seal(answer["refresh_token"])
        row.access_expires_at = timezone.now() + timedelta(seconds=int(answer.get("expires_in") or 3600))
        row.refreshed_at = timezone.now()
        row.save()
        return answer["access_token"]
