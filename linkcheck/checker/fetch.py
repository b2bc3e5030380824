"""Async external-link fetcher: bounded, polite to each host, SSRF-guarded; errors become results.

A fixed pool of workers takes URLs from a look-ahead ``Dispatcher`` (politeness.py), so memory
stays flat however many links there are. Every request (redirect hops, retries and the GET
fallback included) passes the per-host ``HostGate``: at most ``per_host_concurrency`` in flight
and ``per_host_delay`` seconds between starts. Each URL and hop is checked by the SSRF guard
(safety.py) and each name resolved through ``SafeResolver``.

This module is the public entry point and the worker pool. One URL's redirect chain is followed
in redirects.py, and each hop is sent (HEAD then GET, with retries) by transport.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import aclosing

from aiohttp.abc import AbstractResolver

from linkcheck.checker import loops, shards
from linkcheck.checker.addresses import Allowlist
from linkcheck.checker.politeness import Dispatcher, HostGate, host_key
from linkcheck.checker.redirects import UrlChecker
from linkcheck.checker.settings import LinkcheckSettings
from linkcheck.checker.sources import UrlReader, UrlSource
from linkcheck.checker.status import LinkResult
from linkcheck.checker.transport import KEEPALIVE_SECONDS, RETRY_CODES, open_client

# Re-exported so imports from before the split into transport.py and redirects.py keep
# working: links.py imports host_key from here.
__all__ = [
    "KEEPALIVE_SECONDS",
    "RETRY_CODES",
    "Progress",
    "check_url",
    "check_urls",
    "check_urls_sync",
    "host_key",
    "iter_check_urls",
]

Progress = Callable[[LinkResult], object]

_DONE = object()


async def _run(
    urls: UrlSource,
    settings: LinkcheckSettings,
    resolver: AbstractResolver | None,
    progress: Progress | None,
) -> AsyncIterator[tuple[int, LinkResult]]:
    """Yield (input position, result) as checks finish, here or in worker processes."""
    reader = UrlReader(urls)
    # A resolver given by the caller may be bound to this process (tests, benchmarks).
    processes = shards.process_count(settings) if resolver is None else 1
    if processes > 1 and await reader.peek(shards.MIN_URLS) >= shards.MIN_URLS:
        stream = shards.run_sharded(reader, settings, processes, _check_here)
    else:
        stream = _check_here(reader, settings, resolver)
    async with aclosing(stream):
        async for index, result in stream:
            if progress is not None:
                progress(result)
            yield index, result


async def _check_here(
    reader: UrlReader, settings: LinkcheckSettings, resolver: AbstractResolver | None = None
) -> AsyncIterator[tuple[int, LinkResult]]:
    """The checks in this process: a pool of workers over one session and one host gate."""
    allowlist = Allowlist.parse(settings.allowlist)
    gate = HostGate(settings.per_host_concurrency, settings.per_host_delay)
    dispatcher = Dispatcher(reader, settings.per_host_concurrency, gate)
    gate.on_release = dispatcher.notify
    concurrency = max(1, settings.concurrency)
    queue: asyncio.Queue[object] = asyncio.Queue(maxsize=concurrency * 2)

    async with open_client(settings, allowlist, resolver) as client:
        checker = UrlChecker(client, settings, allowlist, gate)

        async def work() -> None:
            try:
                while (item := await dispatcher.next()) is not None:
                    index, url, host = item
                    try:
                        result = await checker.check(url)
                    finally:
                        dispatcher.done(host, wake=False)  # next() below takes the slot...
                    if queue.full():
                        dispatcher.notify()  # ...unless handing this result on must wait
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
                yield item  # type: ignore[misc]
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
    wrapped in ``SafeResolver``. ``settings`` defaults to the built-in defaults
    (Django callers use ``linkcheck.fetch``, which passes ``conf.load()``).
    """
    async for _index, result in _run(urls, settings or LinkcheckSettings(), resolver, progress):
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
    async for index, result in _run(unique, settings or LinkcheckSettings(), resolver, progress):
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
    settings = settings or LinkcheckSettings()
    wanted = [str(url) for url in urls]

    return loops.run_blocking(
        lambda: check_urls(wanted, settings=settings, resolver=resolver, progress=progress)
    )


def check_url(
    url: str,
    *,
    settings: LinkcheckSettings | None = None,
    resolver: AbstractResolver | None = None,
) -> LinkResult:
    """Check one URL, blocking."""
    return check_urls_sync([url], settings=settings, resolver=resolver)[0]
