"""Webhook payloads, HMAC-SHA256 signatures and one delivery attempt over HTTP.

Signature header (Stripe-style, so receivers can reject replays):

    X-Skincare-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, f"{t}.{body}")>

Deliveries pass the link checker's SSRF guard (linkcheck/safety.py): the URL is checked
without DNS when an endpoint is saved and again before each attempt, and the POST goes through
the guarded session, whose resolver checks every DNS answer (with the port) before connecting.
Exceptions come from SKINCARE_API_WEBHOOK_ALLOWLIST, separate from the link checker's because
admins choose webhook URLs and editors choose links.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from linkcheck.checker.addresses import Allowlist, as_allowlist
from linkcheck.checker.loops import run_blocking
from linkcheck.checker.safety import check_url_safety
from linkcheck.checker.status import LinkStatus, classify_exception
from linkcheck.checker.transport import guarded_session

from .conf import api_setting

SIGNATURE_HEADER = "X-Skincare-Signature"
EVENT_HEADER = "X-Skincare-Event"
DELIVERY_HEADER = "X-Skincare-Delivery"
USER_AGENT = "SkincareCMS-Webhooks/1.0"
MAX_ERROR_LENGTH = 2000
MAX_RESPONSE_BYTES = 65536


def webhook_allowlist() -> Allowlist:
    """SKINCARE_API_WEBHOOK_ALLOWLIST: entries like the link checker's (``127.0.0.1:3000``)."""
    return as_allowlist(api_setting("SKINCARE_API_WEBHOOK_ALLOWLIST") or ())


def endpoint_refusal(url: str, allowlist: Allowlist | None = None) -> str | None:
    """Why the SSRF guard refuses this endpoint URL before any DNS lookup, or None."""
    verdict = check_url_safety(url, allowlist=allowlist or webhook_allowlist())
    return None if verdict.allowed else verdict.reason


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
    """The outcome of one POST: success, status code, error text and how long it took.

    ``refused`` means the SSRF guard stopped it before any connection: retrying is pointless,
    and the error names only the rule, so the log says nothing about the port behind it.
    """

    ok: bool
    status_code: int | None
    error: str
    duration_ms: int
    refused: bool = False


def post(
    url: str,
    secret: str,
    payload: dict[str, Any],
    *,
    event: str,
    delivery_id: int,
    timeout: float,
    allowlist: Allowlist | Iterable[str] | None = None,
    resolver: AbstractResolver | None = None,
) -> AttemptResult:
    """POST the signed payload once through the SSRF guard; never raises for network errors.

    ``allowlist`` defaults to SKINCARE_API_WEBHOOK_ALLOWLIST; ``resolver`` (tests) is wrapped
    in the guard's ``SafeResolver`` like the system one.
    """
    allowed = as_allowlist(allowlist) if allowlist is not None else webhook_allowlist()
    verdict = check_url_safety(url, allowlist=allowed)
    if not verdict.allowed:
        return AttemptResult(False, None, f"refused: {verdict.reason}", 0, refused=True)
    body = encode(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(secret, body, int(time.time())),
        EVENT_HEADER: event,
        DELIVERY_HEADER: str(delivery_id),
    }

    return run_blocking(lambda: _post(verdict.url, body, headers, timeout, allowed, resolver))


async def _post(
    url: str,
    body: bytes,
    headers: dict[str, str],
    timeout: float,
    allowlist: Allowlist,
    resolver: AbstractResolver | None,
) -> AttemptResult:
    limits = aiohttp.ClientTimeout(total=timeout, sock_connect=timeout, sock_read=timeout)
    started = time.perf_counter()
    status: int | None = None
    error = ""
    refused = False
    try:
        async with (
            guarded_session(allowlist, resolver, timeout=limits) as session,
            session.post(
                # A redirect would turn the POST into a GET without the body (and go
                # unchecked): it is reported as a failure instead.
                URL(url, encoded=True),
                data=body,
                headers=headers,
                allow_redirects=False,
            ) as response,
        ):
            status = response.status
            await response.content.read(MAX_RESPONSE_BYTES)
            if not 200 <= status < 300:
                error = f"HTTP {status}: {response.reason}"
    except Exception as exc:  # the contract: failures are logged, never raised
        kind, reason = classify_exception(exc)
        refused = kind is LinkStatus.REFUSED
        error = reason if refused else f"{type(exc).__name__}: {reason}"
    duration = int((time.perf_counter() - started) * 1000)
    ok = status is not None and 200 <= status < 300
    return AttemptResult(ok, status, error[:MAX_ERROR_LENGTH], duration, refused)


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """Delay before retry number `attempt` (1-based): base, 2*base, 4*base ... up to cap."""
    return min(cap, base * (2 ** (attempt - 1)))
