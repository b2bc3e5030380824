"""Link-check outcomes: the status vocabulary, result dataclasses and pure classification."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from linkcheck.checker import http1
from linkcheck.checker.safety import AddressRefused


class LinkStatus(StrEnum):
    """What a check found, from the editor's point of view."""

    OK = "ok"
    REDIRECTED = "redirected"  # works, but through a permanent redirect: update the link
    BROKEN = "broken"  # 404, 410, unknown host, redirect loop: readers hit a dead end
    UNVERIFIABLE = "unverifiable"  # 401, 403, 429, bot challenges: the site would not tell us
    TEMPORARY = "temporary"  # timeouts, 5xx, resets: try again later before calling it broken
    REFUSED = "refused"  # the SSRF rules forbid fetching it
    INVALID = "invalid"  # not a URL that can be parsed (``http://[oops]/``): fix the link


# Not final: a later check may well find something else, so caches must not keep them.
NOT_FINAL = frozenset({LinkStatus.TEMPORARY, LinkStatus.UNVERIFIABLE})

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECT_CODES = frozenset({301, 308})
BROKEN_CODES = frozenset({404, 410})
# 999 is LinkedIn's answer to anything that is not a browser.
UNVERIFIABLE_CODES = frozenset({401, 403, 407, 429, 451, 999})

# Bot-protection pages: (header, value substring) pairs and body markers (lower case).
CHALLENGE_HEADERS: tuple[tuple[str, str], ...] = (
    ("cf-mitigated", "challenge"),
    ("x-datadome", ""),
    ("x-amzn-waf-action", "challenge"),
    ("x-amzn-waf-action", "captcha"),
    ("x-sucuri-block", ""),
)
CHALLENGE_MARKERS: tuple[bytes, ...] = (
    b"cf-chl",
    b"challenge-platform",
    b"cf_chl_opt",
    b"just a moment...",
    b"attention required! | cloudflare",
    b"_incapsula_resource",
    b"px-captcha",
    b"captcha-delivery.com",
    b"ddos-guard",
    b"awswaf",
)


@dataclass(frozen=True)
class RedirectHop:
    """One redirect followed: the URL asked for, its status code and where it pointed."""

    url: str
    http_status: int
    location: str


@dataclass(frozen=True)
class LinkResult:
    """The outcome of checking one external URL."""

    url: str
    status: LinkStatus
    http_status: int | None = None
    final_url: str | None = None  # where the redirects ended, when there were any
    reason: str = ""
    redirect_chain: tuple[RedirectHop, ...] = ()
    checked_at: datetime | None = None
    elapsed_ms: int = 0
    # For a permanent redirect: the target to put in the page (the end of the leading run of
    # 301/308 hops, so a later temporary hop such as a locale redirect is not baked in).
    suggested_url: str | None = None

    @property
    def cacheable_as_final(self) -> bool:
        """Whether the result may be kept as the link's settled state."""
        return self.status not in NOT_FINAL

    def as_dict(self) -> dict[str, Any]:
        """The summary stored with a link and shown in reports."""
        return {
            "url": self.url,
            "status": str(self.status),
            "http_status": self.http_status,
            "final_url": self.final_url,
            "reason": self.reason,
        }


def classify_response(
    http_status: int, headers: Mapping[str, str] | None = None, body: bytes = b""
) -> tuple[LinkStatus, str]:
    """Classify a final (non-redirect) response by status code, headers and body start."""
    headers = headers or {}
    # A success page may mention a bot-protection vendor, so only explicit challenge headers
    # count there; an error page with any marker is a challenge.
    success = 200 <= http_status < 300
    challenge = detect_challenge(headers, b"" if success else body, explicit_only=success)
    if challenge:
        return LinkStatus.UNVERIFIABLE, f"HTTP {http_status}: bot challenge ({challenge})"
    if 200 <= http_status < 300:
        return LinkStatus.OK, f"HTTP {http_status}"
    if http_status in REDIRECT_CODES:
        return LinkStatus.UNVERIFIABLE, f"HTTP {http_status} without a usable Location header"
    if 300 <= http_status < 400:
        return LinkStatus.OK, f"HTTP {http_status}"
    if http_status in BROKEN_CODES:
        label = "not found" if http_status == 404 else "gone"
        return LinkStatus.BROKEN, f"HTTP {http_status}: {label}"
    if http_status == 429:
        return LinkStatus.UNVERIFIABLE, "HTTP 429: rate limited"
    if http_status in (401, 407):
        return LinkStatus.UNVERIFIABLE, f"HTTP {http_status}: login required"
    if 400 <= http_status < 500 or http_status in UNVERIFIABLE_CODES:
        # Other client errors are what many sites answer to anything that is not a browser.
        return LinkStatus.UNVERIFIABLE, f"HTTP {http_status}: refused to the checker"
    if 500 <= http_status < 600:
        return LinkStatus.TEMPORARY, f"HTTP {http_status}: server error"
    return LinkStatus.UNVERIFIABLE, f"HTTP {http_status}: unexpected status"


def detect_challenge(
    headers: Mapping[str, str], body: bytes = b"", *, explicit_only: bool = False
) -> str | None:
    """Name the bot-protection marker in a response, if there is one.

    ``explicit_only`` keeps only headers that announce a challenge (vendors such as DataDome
    tag every response, successful ones included).
    """
    lowered = {key.lower(): value.lower() for key, value in headers.items()}
    for name, needle in CHALLENGE_HEADERS:
        if explicit_only and not needle:
            continue
        if name in lowered and needle in lowered[name]:
            return f"{name}: {lowered[name]}" if lowered[name] else name
    if body:
        start = body[:65536].lower()
        for marker in CHALLENGE_MARKERS:
            if marker in start:
                return marker.decode()
    return None


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what it wraps (aiohttp keeps the OS error in ``os_error``)."""
    seen: list[BaseException] = []
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or any(current is item for item in seen) or len(seen) > 10:
            continue
        seen.append(current)
        stack.extend([getattr(current, "os_error", None), current.__cause__, current.__context__])
    return seen


NXDOMAIN_ERRORS = frozenset(
    code
    for code in (
        getattr(socket, "EAI_NONAME", None),
        getattr(socket, "EAI_NODATA", None),
        getattr(socket, "EAI_ADDRFAMILY", None),
    )
    if code is not None
)


DNS_NOT_FOUND = "unknown host (DNS lookup found no address)"
DNS_FAILED = "DNS lookup failed:"
# Fewer hosts than this failing DNS together look like dead links, not a dead resolver.
OFFLINE_MIN_HOSTS = 2


def is_dns_failure(result: LinkResult) -> bool:
    """Whether the check failed because a name did not resolve (on any redirect hop)."""
    return result.http_status is None and result.reason.startswith((DNS_NOT_FOUND, DNS_FAILED))


def network_unreachable(results: list[LinkResult]) -> bool:
    """Whether a run looks offline: every URL failed DNS, across at least two hosts.

    Such results say nothing about the links, so they are not recorded. With a single host
    there is no telling a dead domain from a dead resolver, and the failure is recorded (as
    temporary, so it only becomes broken when later checks confirm it).
    """
    if not results or not all(is_dns_failure(result) for result in results):
        return False
    hosts = {_host(result.url) for result in results}
    return len(hosts) >= OFFLINE_MIN_HOSTS


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return url


def classify_exception(exc: BaseException) -> tuple[LinkStatus, str]:
    """Classify a failed request; never raises."""
    causes = _causes(exc)
    for cause in causes:
        if isinstance(cause, AddressRefused):
            return LinkStatus.REFUSED, f"refused: {cause}"
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            # Temporary even for "no such name": a resolver that is offline or failing says the
            # same, so the name counts as broken only once later checks confirm it (schedule.py).
            if cause.errno in NXDOMAIN_ERRORS:
                return LinkStatus.TEMPORARY, DNS_NOT_FOUND
            return LinkStatus.TEMPORARY, f"{DNS_FAILED} {cause.strerror or cause}"
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | ssl.SSLCertVerificationError):
        return LinkStatus.BROKEN, f"TLS certificate rejected: {_short(exc)}"
    if isinstance(exc, aiohttp.ClientSSLError | ssl.SSLError):
        return LinkStatus.TEMPORARY, f"TLS error: {_short(exc)}"
    if isinstance(exc, aiohttp.ConnectionTimeoutError | http1.ConnectTimeout):
        return LinkStatus.TEMPORARY, "timed out connecting"
    if isinstance(exc, aiohttp.SocketTimeoutError | http1.ReadTimeout):
        return LinkStatus.TEMPORARY, "timed out reading the response"
    if isinstance(exc, asyncio.TimeoutError | TimeoutError):
        return LinkStatus.TEMPORARY, "timed out"
    if isinstance(exc, aiohttp.InvalidURL | ValueError):
        return LinkStatus.BROKEN, f"invalid URL: {_short(exc)}"
    if isinstance(exc, aiohttp.ServerDisconnectedError | http1.Disconnected):
        return LinkStatus.TEMPORARY, "server closed the connection without answering"
    if isinstance(exc, aiohttp.ClientConnectorError | http1.ConnectError):
        return LinkStatus.TEMPORARY, f"could not connect: {_short(exc.os_error)}"
    if isinstance(exc, aiohttp.ClientPayloadError | http1.BodyCut):
        return LinkStatus.TEMPORARY, f"response body broken off: {_short(exc)}"
    if isinstance(exc, aiohttp.ClientResponseError | http1.BadResponse):
        return LinkStatus.UNVERIFIABLE, f"malformed HTTP response: {_short(exc)}"
    if isinstance(exc, aiohttp.ClientOSError | OSError):
        return LinkStatus.TEMPORARY, f"connection error: {_short(exc)}"
    return LinkStatus.TEMPORARY, f"unexpected error: {type(exc).__name__}: {_short(exc)}"


def _short(exc: BaseException | None, limit: int = 200) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
