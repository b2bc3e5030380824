"""SSRF guard: the link fetcher reaches only addresses the public internet could reach.

Two layers, both needed because aiohttp skips the resolver for IP-literal hosts:

* ``check_url_safety`` (pure, no DNS) runs on every URL and every redirect hop: scheme, host
  syntax, numeric host forms normalised the way browsers do, IP literals.
* ``SafeResolver`` (an aiohttp resolver) resolves a name once, checks every A/AAAA answer and
  hands exactly those checked addresses to the connector, so a second lookup (DNS rebinding)
  never happens between the check and the connection.

This module holds the URL check and is the guard's import path. The address rules (forbidden
networks, allowlist, numeric host forms) live in addresses.py, the resolvers in resolvers.py;
both are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from yarl import URL

from linkcheck.checker.addresses import (
    FORBIDDEN_V4,
    FORBIDDEN_V6,
    GLOBAL_UNICAST_V6,
    Allowlist,
    IPAddress,
    IPNetwork,
    address_reason,
    as_allowlist,
    check_address,
    parse_ipv4_host,
)
from linkcheck.checker.resolvers import AddressRefused, SafeResolver, StaticResolver

__all__ = [
    "ALLOWED_SCHEMES",
    "FORBIDDEN_V4",
    "FORBIDDEN_V6",
    "GLOBAL_UNICAST_V6",
    "AddressRefused",
    "Allowlist",
    "IPAddress",
    "IPNetwork",
    "SafeResolver",
    "SafetyVerdict",
    "StaticResolver",
    "check_address",
    "check_url_safety",
    "parse_ipv4_host",
]

ALLOWED_SCHEMES = frozenset({"http", "https"})

_HOSTNAME = re.compile(
    r"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$"
)
_LOCAL_NAMES = ("localhost", "localhost.localdomain")
# Cloud instance-metadata services by name. They resolve to link-local addresses the resolver
# refuses anyway; refusing the names too lets a URL be judged without DNS (a webhook form).
_METADATA_NAMES = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
    }
)


@dataclass(frozen=True)
class SafetyVerdict:
    """Whether a URL may be fetched; ``url`` is the normalised form to fetch when allowed."""

    allowed: bool
    url: str
    host: str = ""
    reason: str | None = None
    address: str | None = None  # set when the host is an IP literal (after normalising)

    def __bool__(self) -> bool:
        return self.allowed


def check_url_safety(
    url: str, *, allowlist: Allowlist | Iterable[str] | None = None
) -> SafetyVerdict:
    """Check a URL's scheme and host without DNS; names are checked again when resolved.

    The URL is parsed with yarl, the parser aiohttp fetches with, so what is checked is what
    would be fetched. ``allowlist`` defaults to the SKINCARE_LINKCHECK_ALLOWLIST setting.
    """
    return _check_url(url, as_allowlist(allowlist))


def _check_url(url: str, allowlist: Allowlist) -> SafetyVerdict:
    try:
        parsed = URL(url.strip())
        host = parsed.raw_host
    except (ValueError, TypeError) as err:
        return SafetyVerdict(False, url, reason=f"invalid URL: {err}")
    scheme = (parsed.scheme or "").lower()
    if scheme not in ALLOWED_SCHEMES:
        return SafetyVerdict(False, url, reason=f"scheme {scheme or '(none)'!r} is not http(s)")
    if not host:
        return SafetyVerdict(False, url, reason="URL has no host")
    host = host.lower()
    port = parsed.port  # explicit, else the scheme's default: what would be connected to
    if ":" in host:  # yarl strips the brackets of an IPv6 literal
        return _check_literal(parsed, host, host, port, allowlist)
    name = host.rstrip(".")
    try:
        numeric = parse_ipv4_host(name)
    except ValueError as err:
        return SafetyVerdict(False, url, host=name, reason=str(err))
    if numeric is not None:
        return _check_literal(parsed, host, str(numeric), port, allowlist)
    if allowlist.allows_host(name, port):
        return SafetyVerdict(True, str(parsed), host=name)
    if not _HOSTNAME.match(name):
        return SafetyVerdict(False, url, host=name, reason=f"malformed host name {name!r}")
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        # RFC 6761: these always mean this machine; refuse without asking DNS.
        return SafetyVerdict(False, url, host=name, reason="loopback host name")
    if name in _METADATA_NAMES:
        return SafetyVerdict(False, url, host=name, reason="cloud metadata host name")
    return SafetyVerdict(True, str(parsed), host=name)


def _check_literal(
    parsed: URL, host: str, literal: str, port: int | None, allowlist: Allowlist
) -> SafetyVerdict:
    name = host.rstrip(".")
    if allowlist.allows_host(name, port) or allowlist.allows_host(literal, port):
        reason = None
    else:
        reason = address_reason(literal, allowlist, port)
    if reason:
        return SafetyVerdict(False, str(parsed), host=name, reason=reason, address=literal)
    # Fetch the canonical form: aiohttp refuses legacy numeric hosts, browsers rewrite them.
    canonical = str(parsed.with_host(literal)) if "." in literal and literal != host else None
    return SafetyVerdict(True, canonical or str(parsed), host=name, address=literal)
