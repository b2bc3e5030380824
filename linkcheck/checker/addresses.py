"""Address rules of the SSRF guard: the forbidden networks, the allowlist and numeric host forms.

Rules over strings and ``ipaddress`` objects: no DNS, no network (only ``as_allowlist(None)``
reads settings). safety.py applies them to URLs, resolvers.py to DNS answers.

Networks are listed explicitly rather than read from ``ipaddress``'s ``is_private``/``is_global``
flags, which were wrong for several ranges before Python 3.12.4 and 3.11.10.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

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


@dataclass(frozen=True)
class AllowlistEntry:
    """One allowlisted host name or network, on one port or (``port`` None) on every port."""

    host: str | None = None
    network: IPNetwork | None = None
    port: int | None = None

    def allows_port(self, port: int | None) -> bool:
        """An entry with a port matches only a connection known to go to that port."""
        return self.port is None or self.port == port


@dataclass(frozen=True)
class Allowlist:
    """Hosts and networks exempt from the SSRF rules (tests and benchmarks on loopback).

    Entries: ``host``, ``host:port``, ``10.0.0.0/8``, ``127.0.0.1:8080``, ``[::1]:8080``,
    ``[fd00::/8]:80``. An entry without a port allows every port; one with a port allows only
    that port, so an allowlisted test server cannot redirect to another service on its address.
    """

    entries: tuple[AllowlistEntry, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> Allowlist:
        """Build from entry strings; raises ValueError naming a malformed entry."""
        return _parse_allowlist(tuple(entries))

    def allows_host(self, host: str, port: int | None = None) -> bool:
        """Whether a host name is allowlisted by name (``port`` None: the port is unknown)."""
        name = normalise_name(host)
        return any(e.host == name and e.allows_port(port) for e in self.entries)

    def allows_address(self, address: IPAddress, port: int | None = None) -> bool:
        """Whether an address falls inside an allowlisted network, on this port."""
        return any(
            e.network is not None
            and address.version == e.network.version
            and address in e.network
            and e.allows_port(port)
            for e in self.entries
        )

    def __bool__(self) -> bool:
        return bool(self.entries)

    # Hashed once: safety.py's memoised host judgement hashes the allowlist on every URL, and
    # hashing its ip_network entries anew each time was ~4% of a loopback check's CPU.
    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash(self.entries)


@lru_cache(maxsize=32)
def _parse_allowlist(entries: tuple[str, ...]) -> Allowlist:
    return Allowlist(tuple(parse_entry(text) for text in entries if text.strip()))


def parse_entry(text: str) -> AllowlistEntry:
    """Parse one allowlist entry; raises ValueError naming the entry when it is malformed."""
    text = text.strip()
    host, port = _split_port(text)
    try:
        network = ipaddress.ip_network(host, strict=False)
    except ValueError:
        if not host or ":" in host:
            raise ValueError(
                f"allowlist entry {text!r} is not a host, network or address"
            ) from None
        return AllowlistEntry(host=normalise_name(host), port=port)
    return AllowlistEntry(network=network, port=port)


def _split_port(text: str) -> tuple[str, int | None]:
    """Split ``host:port`` / ``[v6]:port``; a bare IPv6 address or network has no port."""
    if text.startswith("["):
        inside, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise ValueError(f"allowlist entry {text!r} has an unclosed or misplaced bracket")
        return inside, _parse_port(rest[1:], text) if rest else None
    if text.count(":") == 1:
        host, _colon, port = text.partition(":")
        return host, _parse_port(port, text)
    return text, None


def _parse_port(port: str, entry: str) -> int:
    if port.isascii() and port.isdigit() and 0 < int(port) < 65536:
        return int(port)
    raise ValueError(f"allowlist entry {entry!r}: the port must be a number from 1 to 65535")


def normalise_name(host: str) -> str:
    """A host name as the allowlist and resolvers compare it."""
    return host.strip().rstrip(".").lower()


def as_allowlist(allowlist: Allowlist | Iterable[str] | None) -> Allowlist:
    """An Allowlist from what callers pass (None: nothing is allowlisted)."""
    if allowlist is None:
        return Allowlist.parse(())
    if isinstance(allowlist, Allowlist):
        return allowlist
    if isinstance(allowlist, str):
        return Allowlist.parse(allowlist.split(","))
    return Allowlist.parse(allowlist)


def check_address(
    ip: str | IPAddress,
    *,
    allowlist: Allowlist | Iterable[str] | None = None,
    port: int | None = None,
) -> str | None:
    """Return why an address must not be fetched, or None when it is publicly routable.

    ``allowlist`` defaults to the SKINCARE_LINKCHECK_ALLOWLIST setting. ``port`` is the port
    that would be connected to; without it only allowlist entries without a port apply.
    """
    return address_reason(ip, as_allowlist(allowlist), port)


def address_reason(
    ip: str | IPAddress, allowlist: Allowlist, port: int | None = None
) -> str | None:
    """Like ``check_address``, with the allowlist already parsed."""
    if isinstance(ip, str):
        try:
            address: IPAddress = ipaddress.ip_address(ip.strip().strip("[]"))
        except ValueError:
            return f"not an IP address: {ip!r}"
    else:
        address = ip
    if allowlist.allows_address(address, port):
        return None
    if isinstance(address, ipaddress.IPv4Address):
        return _first_match(address, FORBIDDEN_V4)
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        kind, v4 = embedded
        reason = address_reason(v4, allowlist, port)
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
