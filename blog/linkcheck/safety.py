"""SSRF guard: the link fetcher reaches only addresses the public internet could reach.

Two layers, both needed because aiohttp skips the resolver for IP-literal hosts:

* ``check_url_safety`` (pure, no DNS) runs on every URL and every redirect hop: scheme, host
  syntax, numeric host forms normalised the way browsers do, IP literals.
* ``SafeResolver`` (an aiohttp resolver) resolves a name once, checks every A/AAAA answer and
  hands exactly those checked addresses to the connector, so a second lookup (DNS rebinding)
  never happens between the check and the connection.

Networks are listed explicitly rather than read from ``ipaddress``'s ``is_private``/``is_global``
flags, which were wrong for several ranges before Python 3.12.4 and 3.11.10.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = frozenset({"http", "https"})

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network

# Checked in order; the first match names the reason. Sources: the IANA IPv4 and IPv6
# Special-Purpose Address Registries (RFC 6890 and its updates).
FORBIDDEN_V4: tuple[tuple[IPNetwork, str], ...] = (
    (_V4("255.255.255.255/32"), "broadcast address"),
    (_V4("0.0.0.0/32"), "unspecified address"),
    (_V4("0.0.0.0/8"), "'this network' address (0.0.0.0/8)"),
    (_V4("10.0.0.0/8"), "private address (10.0.0.0/8)"),
    (_V4("100.64.0.0/10"), "carrier-grade NAT address (100.64.0.0/10)"),
    (_V4("127.0.0.0/8"), "loopback address"),
    (_V4("169.254.0.0/16"), "link-local address (169.254.0.0/16, cloud metadata)"),
    (_V4("172.16.0.0/12"), "private address (172.16.0.0/12)"),
    (_V4("192.0.0.0/24"), "IETF protocol assignment (192.0.0.0/24)"),
    (_V4("192.0.2.0/24"), "documentation address (192.0.2.0/24)"),
    (_V4("192.88.99.0/24"), "6to4 relay anycast (192.88.99.0/24)"),
    (_V4("192.168.0.0/16"), "private address (192.168.0.0/16)"),
    (_V4("198.18.0.0/15"), "benchmarking address (198.18.0.0/15)"),
    (_V4("198.51.100.0/24"), "documentation address (198.51.100.0/24)"),
    (_V4("203.0.113.0/24"), "documentation address (203.0.113.0/24)"),
    (_V4("224.0.0.0/4"), "multicast address"),
    (_V4("240.0.0.0/4"), "reserved address (240.0.0.0/4)"),
)

FORBIDDEN_V6: tuple[tuple[IPNetwork, str], ...] = (
    (_V6("::/128"), "unspecified address"),
    (_V6("::1/128"), "loopback address"),
    (_V6("64:ff9b:1::/48"), "local-use NAT64 address (64:ff9b:1::/48)"),
    (_V6("100::/64"), "discard-only address (100::/64)"),
    (_V6("2001::/32"), "Teredo address (2001::/32)"),
    (_V6("2001:db8::/32"), "documentation address (2001:db8::/32)"),
    (_V6("2001::/23"), "IETF protocol assignment (2001::/23)"),
    (_V6("3fff::/20"), "documentation address (3fff::/20)"),
    (_V6("5f00::/16"), "SRv6 segment identifier (5f00::/16)"),
    (_V6("fc00::/7"), "unique local address (fc00::/7)"),
    (_V6("fe80::/10"), "link-local address (fe80::/10)"),
    (_V6("fec0::/10"), "site-local address (fec0::/10)"),
    (_V6("ff00::/8"), "multicast address"),
)

# Everything routable on the IPv6 internet sits in 2000::/3; the rest is reserved.
GLOBAL_UNICAST_V6 = _V6("2000::/3")

# IPv6 forms that carry an IPv4 address: unwrap it and judge the IPv4 instead.
_MAPPED = _V6("::ffff:0:0/96")
_TRANSLATED = _V6("::ffff:0:0:0/96")
_COMPATIBLE = _V6("::/96")
_NAT64 = _V6("64:ff9b::/96")
_SIX_TO_FOUR = _V6("2002::/16")

_HOSTNAME = re.compile(
    r"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$"
)
_LOCAL_NAMES = ("localhost", "localhost.localdomain")


class AddressRefused(OSError):
    """A name resolved to an address the SSRF rules forbid; raised before any connection."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"{host} resolves to {address}: {reason}")
        self.host = host
        self.address = address
        self.reason = reason


@dataclass(frozen=True)
class Allowlist:
    """Hosts and networks exempt from the SSRF rules (tests and benchmarks on loopback)."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> Allowlist:
        """Build from host names and CIDR networks (or single addresses)."""
        return _parse_allowlist(tuple(entries))

    def allows_host(self, host: str) -> bool:
        """Whether a host name is allowlisted by name."""
        return _normalise_name(host) in self.hosts

    def allows_address(self, address: IPAddress) -> bool:
        """Whether an address falls inside an allowlisted network."""
        return any(
            address.version == network.version and address in network for network in self.networks
        )

    def __bool__(self) -> bool:
        return bool(self.hosts or self.networks)


@lru_cache(maxsize=32)
def _parse_allowlist(entries: tuple[str, ...]) -> Allowlist:
    hosts: set[str] = set()
    networks: list[IPNetwork] = []
    for entry in entries:
        text = entry.strip()
        if not text:
            continue
        try:
            networks.append(ipaddress.ip_network(text.strip("[]"), strict=False))
        except ValueError:
            hosts.add(_normalise_name(text))
    return Allowlist(frozenset(hosts), tuple(networks))


def _normalise_name(host: str) -> str:
    return host.strip().rstrip(".").lower()


def _as_allowlist(allowlist: Allowlist | Iterable[str] | None) -> Allowlist:
    if allowlist is None:
        from blog.linkcheck import conf

        return Allowlist.parse(conf.load().allowlist)
    if isinstance(allowlist, Allowlist):
        return allowlist
    if isinstance(allowlist, str):
        return Allowlist.parse(allowlist.split(","))
    return Allowlist.parse(allowlist)


def check_address(
    ip: str | IPAddress, *, allowlist: Allowlist | Iterable[str] | None = None
) -> str | None:
    """Return why an address must not be fetched, or None when it is publicly routable.

    ``allowlist`` defaults to the SKINCARE_LINKCHECK_ALLOWLIST setting.
    """
    return _address_reason(ip, _as_allowlist(allowlist))


def _address_reason(ip: str | IPAddress, allowlist: Allowlist) -> str | None:
    if isinstance(ip, str):
        try:
            address: IPAddress = ipaddress.ip_address(ip.strip().strip("[]"))
        except ValueError:
            return f"not an IP address: {ip!r}"
    else:
        address = ip
    if allowlist.allows_address(address):
        return None
    if isinstance(address, ipaddress.IPv4Address):
        return _first_match(address, FORBIDDEN_V4)
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        kind, v4 = embedded
        reason = _address_reason(v4, allowlist)
        return f"{kind} form of {v4}, a {reason}" if reason else None
    reason = _first_match(address, FORBIDDEN_V6)
    if reason is None and address not in GLOBAL_UNICAST_V6:
        reason = "reserved IPv6 address (outside 2000::/3)"
    if reason is None and address.scope_id:
        reason = "scoped IPv6 address"  # tied to one interface of this machine
    return reason


def _first_match(address: IPAddress, table: Sequence[tuple[IPNetwork, str]]) -> str | None:
    for network, reason in table:
        if address in network:
            return reason
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """The IPv4 address an IPv6 transition form carries, with the form's name."""
    if address in (ipaddress.IPv6Address("::"), ipaddress.IPv6Address("::1")):
        return None
    value = int(address)
    if address in _MAPPED:
        return "IPv4-mapped IPv6", ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if address in _TRANSLATED:
        return "IPv4-translated IPv6", ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if address in _COMPATIBLE:
        return "IPv4-compatible IPv6", ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if address in _NAT64:
        return "NAT64", ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if address in _SIX_TO_FOUR:
        # 2002:AABB:CCDD::/48 carries AA.BB.CC.DD in bits 16-47.
        return "6to4", ipaddress.IPv4Address((value >> 80) & 0xFFFFFFFF)
    return None


def parse_ipv4_host(host: str) -> ipaddress.IPv4Address | None:
    """Parse a host the way browsers and inet_aton do (``127.1``, ``0x7f000001``, ``0177.0.0.1``).

    Returns None for a host that is not numeric; raises ValueError for one that looks numeric
    but is out of range, since a browser would refuse it too (WHATWG URL "IPv4 parser").
    """
    parts = host.split(".")
    if parts and parts[-1] == "":
        parts.pop()
    if not parts or not _looks_numeric(parts[-1]):
        return None
    if len(parts) > 4:
        raise ValueError(f"too many parts in numeric host {host!r}")
    numbers = [_parse_ipv4_number(part, host) for part in parts]
    if any(number > 255 for number in numbers[:-1]):
        raise ValueError(f"numeric host part over 255 in {host!r}")
    if numbers[-1] >= 256 ** (5 - len(numbers)):
        raise ValueError(f"numeric host {host!r} is out of range")
    value = numbers[-1]
    for index, number in enumerate(numbers[:-1]):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _looks_numeric(part: str) -> bool:
    if part.isascii() and part.isdigit():
        return True
    lowered = part.lower()
    return lowered.startswith("0x") and all(c in "0123456789abcdef" for c in lowered[2:])


def _parse_ipv4_number(part: str, host: str) -> int:
    lowered = part.lower()
    try:
        if lowered.startswith("0x"):
            return int(lowered[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        if not (part.isascii() and part.isdigit()):
            raise ValueError(part)
        return int(part, 10)
    except ValueError:
        raise ValueError(f"malformed numeric host {host!r}") from None


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
    return _check_url(url, _as_allowlist(allowlist))


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
    if ":" in host:  # yarl strips the brackets of an IPv6 literal
        return _check_literal(parsed, host, host, allowlist)
    name = host.rstrip(".")
    try:
        numeric = parse_ipv4_host(name)
    except ValueError as err:
        return SafetyVerdict(False, url, host=name, reason=str(err))
    if numeric is not None:
        return _check_literal(parsed, host, str(numeric), allowlist)
    if allowlist.allows_host(name):
        return SafetyVerdict(True, str(parsed), host=name)
    if not _HOSTNAME.match(name):
        return SafetyVerdict(False, url, host=name, reason=f"malformed host name {name!r}")
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        # RFC 6761: these always mean this machine; refuse without asking DNS.
        return SafetyVerdict(False, url, host=name, reason="loopback host name")
    return SafetyVerdict(True, str(parsed), host=name)


def _check_literal(parsed: URL, host: str, literal: str, allowlist: Allowlist) -> SafetyVerdict:
    name = host.rstrip(".")
    if allowlist.allows_host(name) or allowlist.allows_host(literal):
        reason = None
    else:
        reason = _address_reason(literal, allowlist)
    if reason:
        return SafetyVerdict(False, str(parsed), host=name, reason=reason, address=literal)
    # Fetch the canonical form: aiohttp refuses legacy numeric hosts, browsers rewrite them.
    canonical = str(parsed.with_host(literal)) if "." in literal and literal != host else None
    return SafetyVerdict(True, canonical or str(parsed), host=name, address=literal)


class StaticResolver(AbstractResolver):
    """Resolve names from a fixed mapping (tests, benchmarks); unknown names are NXDOMAIN."""

    def __init__(self, mapping: Mapping[str, Sequence[str] | str]) -> None:
        self._mapping = {
            _normalise_name(name): (addresses,) if isinstance(addresses, str) else tuple(addresses)
            for name, addresses in mapping.items()
        }

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Return the mapped addresses of ``host``."""
        addresses = self._mapping.get(_normalise_name(host))
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        results = []
        for text in addresses:
            address = ipaddress.ip_address(text)
            answer_family = socket.AF_INET if address.version == 4 else socket.AF_INET6
            if family in (socket.AF_INET, socket.AF_INET6) and family != answer_family:
                continue
            results.append(
                ResolveResult(
                    hostname=host,
                    host=text,
                    port=port,
                    family=answer_family,
                    proto=0,
                    flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
                )
            )
        if not results:
            raise socket.gaierror(socket.EAI_NODATA, "No address associated with hostname")
        return results

    async def close(self) -> None:
        """Nothing to release."""


class SafeResolver(AbstractResolver):
    """Resolve once, refuse if any answer is forbidden, and return exactly the checked answers."""

    def __init__(
        self,
        inner: AbstractResolver | None = None,
        *,
        allowlist: Allowlist | Iterable[str] | None = None,
    ) -> None:
        self._inner = inner
        self._owns_inner = inner is None
        self._allowlist = _as_allowlist(allowlist)

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Resolve ``host`` and validate every answer before the connector sees any."""
        if self._inner is None:
            from aiohttp.resolver import ThreadedResolver

            self._inner = ThreadedResolver()
        answers = await self._inner.resolve(host, port, family=family)
        if not answers:
            raise socket.gaierror(socket.EAI_NODATA, "No address associated with hostname")
        if self._allowlist.allows_host(host):
            return [ResolveResult(**answer) for answer in answers]
        for answer in answers:
            # One bad answer refuses the name: the connector may try any of them.
            reason = _address_reason(answer["host"], self._allowlist)
            if reason:
                raise AddressRefused(host, answer["host"], reason)
        # Copies, so nothing upstream can swap an address after the check.
        return [ResolveResult(**answer) for answer in answers]

    async def close(self) -> None:
        """Close the inner resolver if this one created it."""
        if self._inner is not None and self._owns_inner:
            await self._inner.close()
