"""The checker's default HTTP client: HTTP/1.1 over asyncio with keep-alive per origin.

Sends HEAD or GET for transport.py (which adds the per-host gate, retries and the GET
fallback) through http1.py's protocol. Names are resolved only through ``SafeResolver``, and
the socket connects to exactly the address it checked, so no second lookup (DNS rebinding)
happens between the check and the connection; IP literals were judged by
``check_url_safety`` before any request, and connect as they are.

Idle connections are kept ``keepalive`` seconds per origin (scheme, host, port) and swept,
so with thousands of distinct hosts idle sockets do not pile up.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from functools import lru_cache

from yarl import URL

from linkcheck.checker import loops
from linkcheck.checker.http1 import (
    ConnectError,
    Connection,
    ConnectTimeout,
    Disconnected,
    Exchange,
    ReadTimeout,
    Reply,
)
from linkcheck.checker.resolvers import SafeResolver

DNS_TTL = 60.0  # seconds an answer SafeResolver checked is reused (aiohttp's default too)

Origin = tuple[str, str, int]


class Http1Client:
    """HEAD and GET over pooled HTTP/1.1 connections; failures raise http1's errors."""

    def __init__(
        self,
        resolver: SafeResolver,
        *,
        headers: bytes,
        connect_timeout: float,
        read_timeout: float,
        total_timeout: float,
        max_bytes: int,
        keepalive: float,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._resolver = resolver
        self._headers = headers  # the fixed request header lines, CRLF-terminated
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.keepalive = keepalive
        self._idle: dict[Origin, list[Connection]] = {}
        self._names: dict[tuple[str, int], tuple[float, list[str]]] = {}
        self._ssl = ssl_context  # None: the system's trust store, made on first use
        self._next_sweep = 0.0
        # Read and total timeouts of every exchange in flight, on one timer.
        tick = max(0.01, min(read_timeout, total_timeout) / 4)
        self._timeouts: loops.Watch[Exchange] = loops.Watch(tick, self._check_time)

    async def send(self, method: str, url: URL, cookie: str | None = None) -> Reply:
        """One request and its answer (body per http1.Exchange's rules)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.total_timeout
        host = url.raw_host or ""
        origin = (url.scheme, host, url.port or 0)
        lines = f"{method} {url.raw_path_qs} HTTP/1.1\r\nHost: {url.host_port_subcomponent}\r\n"
        if cookie:
            lines += f"Cookie: {cookie}\r\n"
        head = lines.encode("utf-8", "surrogateescape") + self._headers
        connection = self._take_idle(origin, loop.time())
        if connection is not None:
            try:
                return await self._exchange(connection, origin, head, method, deadline)
            except Disconnected:
                pass  # closed while idle, as servers may: ask once more on a new connection
        connection = await self._connect(origin, deadline)
        return await self._exchange(connection, origin, head, method, deadline)

    async def _exchange(
        self, connection: Connection, origin: Origin, head: bytes, method: str, deadline: float
    ) -> Reply:
        loop = asyncio.get_running_loop()
        exchange = Exchange(loop, method == "HEAD", self.max_bytes)
        exchange.deadline = deadline
        connection.send(exchange, head)
        self._timeouts.add(exchange)
        try:
            await exchange.waiter
        except BaseException:
            connection.close()  # mid-answer (or cancelled): its state is unknown
            raise
        finally:
            self._timeouts.discard(exchange)
            connection.exchange = None
        if exchange.reusable and not connection.closed:
            connection.idle_since = loop.time()
            self._idle.setdefault(origin, []).append(connection)
            self._sweep(connection.idle_since)
        else:
            connection.close()
        return exchange.reply()

    def _check_time(self, exchange: Exchange, now: float) -> None:
        """Quiet for ``read_timeout``, or past the total, fails the exchange."""
        if now >= exchange.deadline:
            exchange.fail(TimeoutError(f"no complete answer within {self.total_timeout:g} s"))
        elif now - exchange.last_read >= self.read_timeout:
            exchange.fail(ReadTimeout(f"no data for {self.read_timeout:g} s"))

    def _take_idle(self, origin: Origin, now: float) -> Connection | None:
        idle = self._idle.get(origin)
        while idle:
            connection = idle.pop()
            if not connection.closed and now - connection.idle_since < self.keepalive:
                return connection
            connection.close()
        return None

    def _sweep(self, now: float) -> None:
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.keepalive
        for origin, idle in list(self._idle.items()):
            kept = [c for c in idle if not c.closed and now - c.idle_since < self.keepalive]
            for connection in idle:
                if connection not in kept:
                    connection.close()
            if kept:
                self._idle[origin] = kept
            else:
                del self._idle[origin]

    async def _connect(self, origin: Origin, deadline: float) -> Connection:
        scheme, host, port = origin
        loop = asyncio.get_running_loop()
        limit = min(self.connect_timeout, max(0.0, deadline - loop.time()))
        try:
            async with asyncio.timeout(limit):
                addresses = [host] if _is_literal(host) else await self._resolve(host, port)
                return await self._open(scheme, host, port, addresses)
        except TimeoutError as exc:
            raise ConnectTimeout(f"no connection to {host}:{port} within {limit:g} s") from exc

    async def _resolve(self, host: str, port: int) -> list[str]:
        loop = asyncio.get_running_loop()
        cached = self._names.get((host, port))
        if cached is not None and cached[0] > loop.time():
            return cached[1]
        try:
            answers = await self._resolver.resolve(host, port, family=socket.AF_UNSPEC)
        except OSError as exc:  # a failed lookup, or SafeResolver's AddressRefused
            raise ConnectError(host, port, exc) from exc
        addresses = [answer["host"] for answer in answers]
        if len(self._names) > 4096:
            self._names.clear()  # memory stays flat over many hosts
        self._names[(host, port)] = (loop.time() + DNS_TTL, addresses)
        return addresses

    async def _open(self, scheme: str, host: str, port: int, addresses: list[str]) -> Connection:
        loop = asyncio.get_running_loop()
        context = self._ssl_context() if scheme == "https" else None
        error: OSError | None = None
        for address in addresses:  # each one SafeResolver checked
            try:
                _transport, connection = await loop.create_connection(
                    Connection,
                    address,
                    port,
                    ssl=context,
                    # Certificates name hosts without the root's trailing dot ("example.com.").
                    server_hostname=host.rstrip(".") if context is not None else None,
                )
            except ssl.SSLError:
                raise  # a certificate or handshake problem: classified as TLS, not connect
            except OSError as exc:
                error = exc
                continue
            return connection
        raise ConnectError(host, port, error or OSError("no address to connect to"))

    def _ssl_context(self) -> ssl.SSLContext:
        if self._ssl is None:
            self._ssl = ssl.create_default_context()
        return self._ssl

    async def close(self) -> None:
        """Close every idle connection."""
        self._timeouts.close()
        for idle in self._idle.values():
            for connection in idle:
                connection.close()
        self._idle.clear()


@lru_cache(maxsize=1024)
def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
