"""SSRF guard: the link fetcher reaches only addresses the public internet could reach.

Two layers, both needed because the HTTP clients skip the resolver for IP-literal hosts:

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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

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
    # ``url`` as yarl parsed it, so the request need not parse it again (~2% of a check's CPU).
    parsed: URL | None = field(default=None, compare=False, repr=False)

    def __bool__(self) -> bool:
        return self.allowed


def check_url_safety(
    url: str, *, allowlist: Allowlist | Iterable[str] | None = None
) -> SafetyVerdict:
    """Check a URL's scheme and host without DNS; names are checked again when resolved.

    The URL is parsed with yarl, whose parsed URL both HTTP clients fetch, so what is checked is
    what would be fetched. ``allowlist`` defaults to the SKINCARE_LINKCHECK_ALLOWLIST setting.
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
    # Explicit, else the scheme's default: what would be connected to.
    rule = _judge_host(host, parsed.port, allowlist)
    literal = rule.literal
    if literal is None:
        if rule.reason:
            return SafetyVerdict(False, url, host=rule.name, reason=rule.reason)
        return SafetyVerdict(True, str(parsed), host=rule.name, parsed=parsed)
    if rule.reason:
        return SafetyVerdict(
            False, str(parsed), host=rule.name, reason=rule.reason, address=literal
        )
    # Fetch the canonical form: aiohttp refuses legacy numeric hosts, browsers rewrite them.
    if "." in literal and literal != host:
        parsed = parsed.with_host(literal)
    return SafetyVerdict(True, str(parsed), host=rule.name, address=literal, parsed=parsed)


class _HostRule(NamedTuple):
    reason: str | None  # None: the host may be fetched
    name: str
    literal: str | None  # the canonical address when the host is an IP literal


# Memoised: a link check meets the same few hosts over and over, and judging an IP literal
# (numeric forms, then every forbidden network) cost ~65 us a URL, a quarter of a
# loopback check's CPU (benchmarks/RESULTS.md, linkcheck). A pure function of its arguments.
@lru_cache(maxsize=4096)
def _judge_host(host: str, port: int | None, allowlist: Allowlist) -> _HostRule:
    if ":" in host:  # yarl strips the brackets of an IPv6 literal
        return _judge_literal(host, host, port, allowlist)
    name = host.rstrip(".")
    try:
        numeric = parse_ipv4_host(name)
    except ValueError as err:
        return _HostRule(str(err), name, None)
    if numeric is not None:
        return _judge_literal(host, str(numeric), port, allowlist)
    if allowlist.allows_host(name, port):
        return _HostRule(None, name, None)
    if not _HOSTNAME.match(name):
        return _HostRule(f"malformed host name {name!r}", name, None)
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        # RFC 6761: these always mean this machine; refuse without asking DNS.
        return _HostRule("loopback host name", name, None)
    if name in _METADATA_NAMES:
        return _HostRule("cloud metadata host name", name, None)
    return _HostRule(None, name, None)


def _judge_literal(host: str, literal: str, port: int | None, allowlist: Allowlist) -> _HostRule:
    name = host.rstrip(".")
    if allowlist.allows_host(name, port) or allowlist.allows_host(literal, port):
        return _HostRule(None, name, literal)
    return _HostRule(address_reason(literal, allowlist, port), name, literal)
