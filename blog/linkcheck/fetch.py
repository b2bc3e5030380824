"""Async external-link fetcher: bounded, polite to each host, SSRF-guarded; errors become results.

A fixed pool of workers takes URLs from a look-ahead ``Dispatcher`` (politeness.py), so memory
stays flat however many links there are. Every request (redirect hops, retries and the GET
fallback included) passes the per-host ``HostGate``: at most ``per_host_concurrency`` in flight
and ``per_host_delay`` seconds between starts. Each URL and hop is checked by the SSRF guard
(safety.py) and each name resolved through ``SafeResolver``.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookies import CookieError, SimpleCookie

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from blog.linkcheck import conf
from blog.linkcheck.conf import LinkcheckSettings
from blog.linkcheck.politeness import Dispatcher, HostGate, UrlSource, host_key
from blog.linkcheck.safety import Allowlist, SafeResolver, check_url_safety
from blog.linkcheck.status import (
    PERMANENT_REDIRECT_CODES,
    REDIRECT_CODES,
    LinkResult,
    LinkStatus,
    RedirectHop,
    classify_exception,
    classify_response,
    detect_challenge,
    parse_retry_after,
)

Progress = Callable[[LinkResult], object]

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


@dataclass
class _Reply:
    """What one HTTP exchange returned (only what classification needs)."""

    status: int
    headers: dict[str, str]
    body: bytes = b""
    set_cookies: tuple[str, ...] = ()
    note: str = ""


@dataclass
class _Failure:
    """A request that got no HTTP answer."""

    exc: BaseException


@dataclass
class _Trace:
    """What one URL's check found so far (kept when the deadline cuts it short)."""

    chain: list[RedirectHop] = field(default_factory=list)
    current: str = ""


class _Checker:
    """Checks one URL at a time through a shared session and gate."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        settings: LinkcheckSettings,
        allowlist: Allowlist,
        gate: HostGate,
    ) -> None:
        self.session = session
        self.settings = settings
        self.allowlist = allowlist
        self.gate = gate
        self.timeout = aiohttp.ClientTimeout(
            total=settings.total_timeout,
            sock_connect=settings.connect_timeout,
            sock_read=settings.read_timeout,
        )
        # Hosts that answered HEAD with 405/501: later URLs there go straight to GET.
        self._get_hosts: set[str] = set()

    async def check(self, url: str) -> LinkResult:
        """Check one URL; every failure becomes a result."""
        checked_at = datetime.now(UTC)
        started = time.monotonic()
        trace = _Trace(current=url)
        try:
            async with asyncio.timeout(self.settings.deadline) as deadline:
                status, http_status, reason = await self._follow(url, trace)
        except TimeoutError as exc:
            http_status = None
            if deadline.expired():
                status = LinkStatus.TEMPORARY
                reason = f"check took longer than {self.settings.deadline:g} s"
            else:
                status, reason = classify_exception(exc)
        except Exception as exc:  # the contract: errors are results, never raised
            status, reason = classify_exception(exc)
            http_status = None
        chain = tuple(trace.chain)
        suggested = None
        if chain and chain[0].http_status in PERMANENT_REDIRECT_CODES:
            suggested = _permanent_target(chain)
            if status is LinkStatus.OK:
                status = LinkStatus.REDIRECTED
                reason = f"permanent redirect ({chain[0].http_status}) to {suggested}; {reason}"
        return LinkResult(
            url=url,
            status=status,
            http_status=http_status,
            final_url=trace.current if chain else None,
            reason=reason,
            redirect_chain=chain,
            checked_at=checked_at,
            elapsed_ms=round((time.monotonic() - started) * 1000),
            suggested_url=suggested if status is LinkStatus.REDIRECTED else None,
        )

    async def _follow(self, url: str, trace: _Trace) -> tuple[LinkStatus, int | None, str]:
        seen: set[str] = set()
        cookies: dict[str, dict[str, str]] = {}
        current = url
        for hop in range(self.settings.max_redirects + 1):
            verdict = check_url_safety(current, allowlist=self.allowlist)
            trace.current = current
            if not verdict.allowed:
                if hop:
                    return (
                        LinkStatus.REFUSED,
                        None,
                        f"redirect to {current} refused: {verdict.reason}",
                    )
                return LinkStatus.REFUSED, None, f"refused: {verdict.reason}"
            target = verdict.url
            host = host_key(target)
            seen.add(_loop_key(target))
            reply = await self._request(target, host, cookies.get(host, {}))
            if isinstance(reply, _Failure):
                status, reason = classify_exception(reply.exc)
                return status, None, reason
            location = reply.headers.get("location")
            if reply.status in REDIRECT_CODES and location:
                try:
                    next_url = str(URL(target).join(URL(location.strip())))
                except (ValueError, TypeError):
                    return LinkStatus.BROKEN, reply.status, f"invalid redirect target {location!r}"
                trace.chain.append(RedirectHop(target, reply.status, next_url))
                _remember_cookies(cookies, host, reply.set_cookies)
                # A redirect to itself that sets a cookie is a cookie check, not a loop.
                if _loop_key(next_url) in seen and not reply.set_cookies:
                    trace.current = next_url
                    return LinkStatus.BROKEN, reply.status, f"redirect loop back to {next_url}"
                if hop == self.settings.max_redirects:
                    trace.current = next_url
                    limit = self.settings.max_redirects
                    return LinkStatus.BROKEN, reply.status, f"more than {limit} redirects"
                current = next_url
                continue
            status, reason = classify_response(reply.status, reply.headers, reply.body)
            if reply.note:
                reason = f"{reason}; {reply.note}"
            return status, reply.status, reason
        raise AssertionError("unreachable: the loop returns on its last hop")

    async def _request(self, url: str, host: str, cookies: dict[str, str]) -> _Reply | _Failure:
        """One hop, retried with backoff (or as Retry-After asks) while the failure is temporary."""
        settings = self.settings
        attempt = 0
        while True:
            outcome = await self._attempt(url, host, cookies)
            wait: float | None = None
            if isinstance(outcome, _Failure):
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

    async def _attempt(self, url: str, host: str, cookies: dict[str, str]) -> _Reply | _Failure:
        """HEAD first; GET when HEAD is unsupported, refused or answered oddly."""
        if host not in self._get_hosts:
            try:
                reply = await self._send("HEAD", url, host, cookies)
            except (aiohttp.ClientConnectorError, TimeoutError) as exc:
                return _Failure(exc)  # the host itself is unreachable: GET would fare no better
            except aiohttp.ClientError:
                reply = None  # a server that chokes on HEAD (reset, bad response): try GET
            except Exception as exc:
                return _Failure(exc)
            if reply is not None and (reply.status < _GET_AGAIN_MIN or reply.status == 429):
                return reply
            if reply is not None and reply.status in _HEAD_UNSUPPORTED:
                self._get_hosts.add(host)
        try:
            return await self._send("GET", url, host, cookies)
        except Exception as exc:
            return _Failure(exc)

    async def _send(self, method: str, url: str, host: str, cookies: dict[str, str]) -> _Reply:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else None
        async with (
            self.gate.slot(host),
            self.session.request(
                method,
                URL(url, encoded=True),
                allow_redirects=False,
                timeout=self.timeout,
                headers=headers,
            ) as response,
        ):
            body = b""
            if method == "GET":
                body = await self._read_capped(response)
            return _Reply(
                status=response.status,
                headers={key.lower(): value for key, value in response.headers.items()},
                body=body,
                set_cookies=tuple(response.headers.getall("Set-Cookie", ())),
            )

    async def _read_capped(self, response: aiohttp.ClientResponse) -> bytes:
        """Read at most ``max_bytes`` of the body, and only when it can tell us something."""
        cap = self.settings.max_bytes
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


def _permanent_target(chain: tuple[RedirectHop, ...]) -> str:
    """Where the leading run of permanent redirects ends."""
    target = chain[0].location
    for hop in chain:
        if hop.http_status not in PERMANENT_REDIRECT_CODES:
            break
        target = hop.location
    return target


def _loop_key(url: str) -> str:
    return url.split("#", 1)[0]


def _remember_cookies(
    cookies: dict[str, dict[str, str]], host: str, set_cookies: tuple[str, ...]
) -> None:
    # Per check and per host only: no cookie outlives the check or crosses hosts.
    for header in set_cookies:
        jar = SimpleCookie()
        try:
            jar.load(header)
        except CookieError:
            continue
        for name, morsel in jar.items():
            cookies.setdefault(host, {})[name] = morsel.value


@asynccontextmanager
async def _session(
    settings: LinkcheckSettings, allowlist: Allowlist, resolver: AbstractResolver | None
) -> AsyncIterator[aiohttp.ClientSession]:
    safe_resolver = SafeResolver(resolver, allowlist=allowlist)
    connector = aiohttp.TCPConnector(
        limit=0,  # the worker pool already bounds requests in flight
        resolver=safe_resolver,
        ttl_dns_cache=60,  # caches only answers SafeResolver has checked
        keepalive_timeout=KEEPALIVE_SECONDS,
    )
    session = aiohttp.ClientSession(
        connector=connector,
        headers={
            "User-Agent": settings.user_agent_header,
            "Accept": _ACCEPT,
            # Raw bytes only: the byte cap then bounds what is held, and no compression bomb
            # can expand behind it. The few error pages read are small anyway.
            "Accept-Encoding": "identity",
        },
        auto_decompress=False,
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,  # an environment proxy would resolve names where we cannot check them
        timeout=aiohttp.ClientTimeout(
            total=settings.total_timeout,
            sock_connect=settings.connect_timeout,
            sock_read=settings.read_timeout,
        ),
    )
    try:
        yield session
    finally:
        await session.close()
        await safe_resolver.close()


_DONE = object()


async def _run(
    urls: UrlSource,
    settings: LinkcheckSettings,
    resolver: AbstractResolver | None,
    progress: Progress | None,
) -> AsyncIterator[tuple[int, LinkResult]]:
    """Yield (input position, result) as checks finish."""
    allowlist = Allowlist.parse(settings.allowlist)
    gate = HostGate(settings.per_host_concurrency, settings.per_host_delay)
    dispatcher = Dispatcher(urls, settings.per_host_concurrency, gate)
    gate.on_release = dispatcher.notify
    concurrency = max(1, settings.concurrency)
    queue: asyncio.Queue[object] = asyncio.Queue(maxsize=concurrency * 2)

    async with _session(settings, allowlist, resolver) as session:
        checker = _Checker(session, settings, allowlist, gate)

        async def work() -> None:
            try:
                while (item := await dispatcher.next()) is not None:
                    index, url, host = item
                    try:
                        result = await checker.check(url)
                    finally:
                        dispatcher.done(host)
                    await queue.put((index, result))
            except Exception as exc:  # the input iterator failed: the caller's error
                await queue.put(exc)
            await queue.put(_DONE)

        workers = [asyncio.create_task(work()) for _ in range(concurrency)]
        try:
            finished = 0
            while finished < len(workers):
                item = await queue.get()
                if item is _DONE:
                    finished += 1
                    continue
                if isinstance(item, Exception):
                    raise item
                index, result = item  # type: ignore[misc]
                if progress is not None:
                    progress(result)
                yield index, result
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)


async def iter_check_urls(
    urls: UrlSource,
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
    progress: Progress | None = None,
) -> AsyncIterator[LinkResult]:
    """Check URLs and yield results as they finish, holding only a bounded window in memory.

    ``resolver`` is the name source (default: the system's, via getaddrinfo); it is always
    wrapped in ``SafeResolver``. ``settings`` defaults to ``conf.load()``.
    """
    async for _index, result in _run(urls, settings or conf.load(), resolver, progress):
        yield result


async def check_urls(
    urls: Iterable[str],
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
    progress: Progress | None = None,
) -> list[LinkResult]:
    """Check URLs and return one result per input URL, in input order (duplicates checked once)."""
    wanted = [str(url) for url in urls]
    unique = list(dict.fromkeys(wanted))
    found: list[LinkResult | None] = [None] * len(unique)
    async for index, result in _run(unique, settings or conf.load(), resolver, progress):
        found[index] = result
    by_url = {url: result for url, result in zip(unique, found, strict=True) if result}
    return [by_url[url] for url in wanted]


def check_urls_sync(
    urls: Iterable[str],
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
    progress: Progress | None = None,
) -> list[LinkResult]:
    """Blocking ``check_urls`` for management commands, tasks and the shell."""
    settings = settings or conf.load()  # read here: settings overrides are set on this thread
    wanted = [str(url) for url in urls]

    def run() -> list[LinkResult]:
        return asyncio.run(
            check_urls(wanted, settings=settings, resolver=resolver, progress=progress)
        )

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    # Called from async code (an ASGI view): a loop cannot be nested, so use a private thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def check_url(
    url: str,
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
) -> LinkResult:
    """Check one URL, blocking."""
    return check_urls_sync([url], settings=settings, resolver=resolver)[0]
