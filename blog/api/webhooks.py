"""Webhook payloads, HMAC-SHA256 signatures and one delivery attempt over HTTP.

Signature header (Stripe-style, so receivers can reject replays):

    X-Skincare-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, f"{t}.{body}")>
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

SIGNATURE_HEADER = "X-Skincare-Signature"
EVENT_HEADER = "X-Skincare-Event"
DELIVERY_HEADER = "X-Skincare-Delivery"
USER_AGENT = "SkincareCMS-Webhooks/1.0"
MAX_ERROR_LENGTH = 2000


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without the body: report it as a failure."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(
    secret: str, body: bytes, header: str, tolerance: int = 300, now: float | None = None
) -> bool:
    """Check a signature header the way a receiver should (constant time, bounded age)."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
        given = fields["v1"]
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, given)


def encode(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, default=str).encode()


@dataclass(frozen=True)
class AttemptResult:
    """The outcome of one POST: success, status code, error text and how long it took."""

    ok: bool
    status_code: int | None
    error: str
    duration_ms: int


def post(
    url: str, secret: str, payload: dict[str, Any], *, event: str, delivery_id: int, timeout: float
) -> AttemptResult:
    """POST the signed payload once; never raises for network or HTTP errors."""
    body = encode(payload)
    request = urllib.request.Request(  # noqa: S310 - admins enter http(s) URLs only (model validator)
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            SIGNATURE_HEADER: sign(secret, body, int(time.time())),
            EVENT_HEADER: event,
            DELIVERY_HEADER: str(delivery_id),
        },
    )
    started = time.perf_counter()
    status: int | None = None
    error = ""
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            status = response.status
            response.read(65536)
    except urllib.error.HTTPError as err:
        status, error = err.code, f"HTTP {err.code}: {err.reason}"
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        error = f"{type(err).__name__}: {getattr(err, 'reason', err)}"
    duration = int((time.perf_counter() - started) * 1000)
    ok = status is not None and 200 <= status < 300
    return AttemptResult(ok, status, error[:MAX_ERROR_LENGTH], duration)


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """Delay before retry number `attempt` (1-based): base, 2*base, 4*base ... up to cap."""
    return min(cap, base * (2 ** (attempt - 1)))
