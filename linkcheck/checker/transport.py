"""One hop over HTTP: the shared client, HEAD then GET, retries and capped body reads.

Every request passes the per-host ``HostGate`` (politeness.py): at most
``per_host_concurrency`` in flight and ``per_host_delay`` seconds between starts. Either client
resolves names only through ``SafeResolver`` (resolvers.py): the default, client.py's lean
HTTP/1.1 one, or an aiohttp session (``SKINCARE_LINKCHECK_CLIENT = "aiohttp"``), which is also
what webhook deliveries use (``guarded_session``).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Protocol

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from linkcheck.checker import http1
from linkcheck.checker.addresses import Allowlist
from linkcheck.checker.client import Http1Client
from linkcheck.checker.http1 import Reply
from linkcheck.checker.politeness import HostGate
from linkcheck.checker.resolvers import SafeResolver
from linkcheck.checker.settings import LinkcheckSettings
from linkcheck.checker.status import (
    LinkStatus,
    classify_exception,
    detect_challenge,
    parse_retry_after,
)

RETRY_CODES = frozenset({408, 429, 500, 502, 503, 504})
# Status codes a HEAD answer is not trusted for: servers that mishandle HEAD say these.
# 429 is trusted: asking again at once with GET would ignore the rate limit.
_GET_AGAIN_MIN = 400
_HEAD_UNSUPPORTED = frozenset({405, 501})
# Only bodies of error pages are read, to look for bot-challenge markers.
_BODY_WANTED_MIN = 400
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# Short keep-alive: with thousands of distinct hosts, idle sockets would otherwise pile up.
KEEPALIVE_SECONDS = 4.0


class Client(Protocol):
    """What Transport sends through: HEAD or GET, no redirects followed, body capped."""

    async def send(self, method: str, url: URL, cookie: str | None = None) -> Reply: ...


@dataclass
class Failure:
    """A request that got no HTTP answer."""

    exc: BaseException


class Transport:
    """Sends one hop's request through a shared client and gate; failures become values."""

    def __init__(self, client: Client, settings: LinkcheckSettings, gate: HostGate) -> None:
        self.client = client
        self.settings = settings
        self.gate = gate
        # Hosts that answered HEAD with 405/501: later URLs there go straight to GET.
        self._get_hosts: set[str] = set()

    async def request(
        self, url: str, host: str, cookies: dict[str, str], parsed: URL | None = None
    ) -> Reply | Failure:
        """One hop, retried with backoff (or as Retry-After asks) while the failure is temporary.

        ``parsed`` is ``url`` already parsed (encoded), as the SSRF check left it.
        """
        settings = self.settings
        target = URL(url, encoded=True) if parsed is None else parsed
        attempt = 0
        while True:
            outcome = await self._attempt(target, host, cookies)
            wait: float | None = None
            if isinstance(outcome, Failure):
                if classify_exception(outcome.exc)[0] is LinkStatus.TEMPORARY:
                    wait = self._backoff(attempt)
            elif outcome.status in RETRY_CODES and not detect_challenge(
                outcome.headers, outcome.body
            ):
                retry_after = parse_retry_after(outcome.headers.get("retry-after"))
                if retry_after is not None and retry_after > settings.max_retry_after:
                    outcome.note = (
                        f"Retry-After {retry_after:g} s is longer than the "
                        f"{settings.max_retry_after:g} s this checker waits"
                    )
                    return outcome
                if retry_after is not None:
                    self.gate.defer(host, retry_after)
                    wait = retry_after
                else:
                    wait = self._backoff(attempt)
            if wait is None or attempt >= settings.retries:
                return outcome
            attempt += 1
            await asyncio.sleep(wait)

    def _backoff(self, attempt: int) -> float:
        # Jitter keeps checks that failed together from retrying in lockstep.
        return self.settings.backoff * (2**attempt) * random.uniform(0.8, 1.2)  # noqa: S311

    async def _attempt(self, url: URL, host: str, cookies: dict[str, str]) -> Reply | Failure:
        """HEAD first; GET when HEAD is unsupported, refused or answered oddly."""
        if host not in self._get_hosts:
            try:
                reply = await self._send("HEAD", url, host, cookies)
            except _UNREACHABLE as exc:
                return Failure(exc)  # the host itself is unreachable: GET would fare no better
            except _CHOKED:
                reply = None  # a server that chokes on HEAD (reset, bad response): try GET
            except Exception as exc:
                return Failure(exc)
            if reply is not None and (reply.status < _GET_AGAIN_MIN or reply.status == 429):
                return reply
            if reply is not None and reply.status in _HEAD_UNSUPPORTED:
                self._get_hosts.add(host)
        try:
            return await self._send("GET", url, host, cookies)
        except Exception as exc:
            return Failure(exc)

    async def _send(self, method: str, url: URL, host: str, cookies: dict[str, str]) -> Reply:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items()) if cookies else None
        async with self.gate.slot(host):
            return await self.client.send(method, url, cookie)


_UNREACHABLE = (aiohttp.ClientConnectorError, http1.ConnectError, TimeoutError)
_CHOKED = (aiohttp.ClientError, http1.HttpError)


class AiohttpClient:
    """The aiohttp path (SKINCARE_LINKCHECK_CLIENT = "aiohttp"): HEAD or GET, capped body."""

    def __init__(self, session: aiohttp.ClientSession, settings: LinkcheckSettings) -> None:
        self.session = session
        self.cap = settings.max_bytes
        self.timeout = aiohttp.ClientTimeout(
            total=settings.total_timeout,
            sock_connect=settings.connect_timeout,
            sock_read=settings.read_timeout,
        )

    async def send(self, method: str, url: URL, cookie: str | None = None) -> Reply:
        """One request and its answer."""
        async with self.session.request(
            method,
            url,
            allow_redirects=False,
            timeout=self.timeout,
            headers={"Cookie": cookie} if cookie else None,
        ) as response:
            body = b""
            if method == "GET":
                body = await self._read_capped(response)
            return Reply(
                status=response.status,
                headers={key.lower(): value for key, value in response.headers.items()},
                body=body,
                set_cookies=tuple(response.headers.getall("Set-Cookie", ())),
            )

    async def _read_capped(self, response: aiohttp.ClientResponse) -> bytes:
        """Read at most ``max_bytes`` of the body, and only when it can tell us something."""
        cap = self.cap
        length = response.content_length
        wanted = response.status >= _BODY_WANTED_MIN
        if not wanted and (length is None or length > cap):
            response.close()  # stop here rather than download the page
            return b""
        chunks: list[bytes] = []
        total = 0
        while total < cap:
            chunk = await response.content.read(min(16384, cap - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if not response.content.at_eof():
            response.close()  # an endless or oversized body: drop the connection
        return b"".join(chunks)


@asynccontextmanager
async def guarded_session(
    allowlist: Allowlist,
    resolver: AbstractResolver | None = None,
    *,
    timeout: aiohttp.ClientTimeout,
    headers: Mapping[str, str] | None = None,
    keepalive: float = KEEPALIVE_SECONDS,
    auto_decompress: bool = True,
) -> AsyncIterator[aiohttp.ClientSession]:
    """An aiohttp session that resolves names only through ``SafeResolver`` and keeps no cookies.

    Every outbound request of this project (link checks, webhook deliveries) goes through one
    of these; callers still run ``check_url_safety`` on each URL first, because aiohttp skips
    the resolver for IP-literal hosts.
    """
    safe_resolver = SafeResolver(resolver, allowlist=allowlist)
    connector = aiohttp.TCPConnector(
        limit=0,  # callers bound requests in flight themselves
        resolver=safe_resolver,
        ttl_dns_cache=60,  # caches only answers SafeResolver has checked
        keepalive_timeout=keepalive,
    )
    session = aiohttp.ClientSession(
        connector=connector,
        headers=headers,
        auto_decompress=auto_decompress,
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,  # an environment proxy would resolve names where we cannot check them
        timeout=timeout,
    )
    try:
        yield session
    finally:
        await session.close()
        await safe_resolver.close()


@asynccontextmanager
async def open_client(
    settings: LinkcheckSettings, allowlist: Allowlist, resolver: AbstractResolver | None
) -> AsyncIterator[Client]:
    """The client ``settings.client`` names, guarded, with the checker's headers and timeouts."""
    if settings.client == "aiohttp":
        async with open_session(settings, allowlist, resolver) as session:
            yield AiohttpClient(session, settings)
        return
    lines = "".join(f"{name}: {value}\r\n" for name, value in _headers(settings).items())
    safe_resolver = SafeResolver(resolver, allowlist=allowlist)
    client = Http1Client(
        safe_resolver,
        headers=lines.encode("utf-8") + b"\r\n",
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.read_timeout,
        total_timeout=settings.total_timeout,
        max_bytes=settings.max_bytes,
        keepalive=KEEPALIVE_SECONDS,
    )
    try:
        yield client
    finally:
        await client.close()
        await safe_resolver.close()


def _headers(settings: LinkcheckSettings) -> dict[str, str]:
    return {
        "User-Agent": settings.user_agent_header,
        "Accept": _ACCEPT,
        # Raw bytes only: the byte cap then bounds what is held, and no compression bomb
        # can expand behind it. The few error pages read are small anyway.
        "Accept-Encoding": "identity",
    }


@asynccontextmanager
async def open_session(
    settings: LinkcheckSettings, allowlist: Allowlist, resolver: AbstractResolver | None
) -> AsyncIterator[aiohttp.ClientSession]:
    """The link checker's guarded session: its User-Agent, raw bytes only, its timeouts."""
    headers = _headers(settings)
    timeout = aiohttp.ClientTimeout(
        total=settings.total_timeout,
        sock_connect=settings.connect_timeout,
        sock_read=settings.read_timeout,
    )
    async with guarded_session(
        allowlist, resolver, timeout=timeout, headers=headers, auto_decompress=False
    ) as session:
        yield session
