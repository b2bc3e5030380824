"""aiohttp resolvers for the link fetcher: the SSRF-checking one and a fixed-mapping one.

``SafeResolver`` resolves a name once, checks every A/AAAA answer against the address rules
(addresses.py) and hands exactly those checked addresses to the connector, so a second lookup
(DNS rebinding) never happens between the check and the connection.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Mapping, Sequence

from aiohttp.abc import AbstractResolver, ResolveResult

from linkcheck.checker.addresses import Allowlist, address_reason, as_allowlist, normalise_name


class AddressRefused(OSError):
    """A name resolved to an address the SSRF rules forbid; raised before any connection."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"{host} resolves to {address}: {reason}")
        self.host = host
        self.address = address
        self.reason = reason


class StaticResolver(AbstractResolver):
    """Resolve names from a fixed mapping (tests, benchmarks); unknown names are NXDOMAIN."""

    def __init__(self, mapping: Mapping[str, Sequence[str] | str]) -> None:
        self._mapping = {
            normalise_name(name): (addresses,) if isinstance(addresses, str) else tuple(addresses)
            for name, addresses in mapping.items()
        }

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Return the mapped addresses of ``host``."""
        addresses = self._mapping.get(normalise_name(host))
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
        self._allowlist = as_allowlist(allowlist)

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
        # The port the connector will use: an allowlist entry with a port matches only it.
        if self._allowlist.allows_host(host, port):
            return [ResolveResult(**answer) for answer in answers]
        for answer in answers:
            # One bad answer refuses the name: the connector may try any of them.
            reason = address_reason(answer["host"], self._allowlist, port)
            if reason:
                raise AddressRefused(host, answer["host"], reason)
        # Copies, so nothing upstream can swap an address after the check.
        return [ResolveResult(**answer) for answer in answers]

    async def close(self) -> None:
        """Close the inner resolver if this one created it."""
        if self._inner is not None and self._owns_inner:
            await self._inner.close()
