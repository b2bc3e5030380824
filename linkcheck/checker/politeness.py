"""Per-host politeness and the look-ahead dispatcher that feeds the fetcher's workers.

The dispatcher reads URLs through a bounded buffer (so memory stays flat however many links
there are) and hands them out host by host in turn, so one host with many links never stalls
the rest. The gate holds every single request (retries, fallbacks and redirect hops included)
to ``limit`` in flight per host and ``delay`` seconds between starts.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import re
from collections import OrderedDict, deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from linkcheck.checker.safety import parse_ipv4_host
from linkcheck.checker.sources import UrlReader, UrlSource

__all__ = [
    "LOOKAHEAD",
    "PULL_CHUNK",
    "Dispatcher",
    "HostGate",
    "UrlReader",
    "UrlSource",
    "host_key",
]

LOOKAHEAD = 1024  # URLs read ahead of the workers, so a busy host does not stall the rest
PULL_CHUNK = 256  # URLs pulled from a lazy source per trip to a worker thread


def host_key(url: str) -> str:
    """The politeness key of a URL: its host name, or its canonical address for IP literals."""
    url = url.strip()
    host = _plain_host(url)
    if host is None:
        try:
            host = urlsplit(url).hostname or ""
        except ValueError:
            return ""
    return _host_key(host.rstrip("."))


def _plain_host(url: str) -> str | None:
    """urlsplit(url).hostname for a plain http(s) URL, None for anything else.

    Every URL is keyed once by the dispatcher and once per hop, and urlsplit on a new URL
    cost ~15 us, most of this function's time. Plain means an ASCII authority without user
    info or brackets after an http(s) scheme; the rest (IPv6, user@host, tabs, odd schemes)
    goes through urlsplit itself.
    """
    if "\t" in url or "\r" in url or "\n" in url or not url.isascii():
        return None
    match = _AUTHORITY.match(url)
    if match is None:
        return None
    netloc = match[1]
    if "@" in netloc or "[" in netloc or "]" in netloc:
        return None
    return netloc.partition(":")[0].lower()


_AUTHORITY = re.compile(r"https?://([^/?#]*)", re.IGNORECASE)


# Memoised: every URL is keyed once by the dispatcher and once per hop, over few distinct
# hosts; parsing a numeric host each time cost ~27 us (benchmarks/RESULTS.md, linkcheck).
@lru_cache(maxsize=4096)
def _host_key(host: str) -> str:
    try:
        numeric = parse_ipv4_host(host)
    except ValueError:
        return host
    return str(numeric) if numeric is not None else host


class HostGate:
    """Per-host politeness: a concurrency cap and a minimum delay between request starts."""

    def __init__(
        self, limit: int, delay: float, on_release: Callable[[], None] | None = None
    ) -> None:
        self.limit = max(1, limit)
        self.delay = max(0.0, delay)
        self.on_release = on_release
        self._hosts: dict[str, _HostState] = {}
        self._releases = 0

    def _state(self, host: str) -> _HostState:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _HostState(asyncio.Semaphore(self.limit))
        return state

    def ready_at(self, host: str) -> float:
        """Loop time from which a request to ``host`` could start (inf while it is full)."""
        state = self._hosts.get(host)
        if state is None:
            return 0.0
        if state.semaphore.locked():
            return math.inf
        return state.next_start

    def defer(self, host: str, seconds: float) -> None:
        """Hold back every request to ``host`` for ``seconds`` (it sent Retry-After)."""
        state = self._state(host)
        state.next_start = max(state.next_start, asyncio.get_running_loop().time() + seconds)

    def slot(self, host: str) -> _Slot:
        """Hold one of the host's request slots, starting no sooner than its delay allows."""
        return _Slot(self, host)

    async def _enter(self, host: str, state: _HostState) -> None:
        loop = asyncio.get_running_loop()
        state.users += 1
        try:
            await state.semaphore.acquire()
        except BaseException:
            self._leave(host, state, loop)
            raise
        try:
            if self.delay or state.next_start > loop.time():
                # Serialise start times so two slots freed together still start apart.
                if state.lock is None:
                    state.lock = asyncio.Lock()
                async with state.lock:
                    wait = state.next_start - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    state.next_start = loop.time() + self.delay
        except BaseException:
            state.semaphore.release()
            self._leave(host, state, loop)
            raise

    def _leave(self, host: str, state: _HostState, loop: asyncio.AbstractEventLoop) -> None:
        state.users -= 1
        self._forget_idle(host, state, loop.time())
        if self.on_release is not None:
            self.on_release()

    def _forget_idle(self, host: str, state: _HostState, now: float) -> None:
        # Keeps memory flat over many hosts: idle hosts go in a sweep every 512 releases, not
        # at once, as a busy host is idle between many of its requests and its state would be
        # made anew each time (~0.6 us).
        self._releases += 1
        if self._releases % 512 == 0:
            for name, other in list(self._hosts.items()):
                if other.users == 0 and other.next_start <= now:
                    del self._hosts[name]


class _Slot:
    """``HostGate.slot``: a plain class, as a generator-based context manager cost ~4 us a
    request, a couple of per cent of a loopback check's CPU."""

    __slots__ = ("_gate", "_host", "_state")

    def __init__(self, gate: HostGate, host: str) -> None:
        self._gate = gate
        self._host = host
        self._state = gate._state(host)

    async def __aenter__(self) -> None:
        await self._gate._enter(self._host, self._state)

    async def __aexit__(self, *exc_info: object) -> None:
        self._state.semaphore.release()
        self._gate._leave(self._host, self._state, asyncio.get_running_loop())


@dataclass
class _HostState:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock | None = None  # made when a delay first needs start times serialised
    next_start: float = 0.0
    users: int = 0


class Dispatcher:
    """Hands URLs to workers from a bounded look-ahead buffer, host by host in turn."""

    def __init__(self, urls: UrlSource | UrlReader, per_host: int, gate: HostGate) -> None:
        self._per_host = max(1, per_host)
        self._gate = gate
        self._pending: dict[str, deque[tuple[int, str]]] = {}
        # Hosts with URLs waiting and room under the per-host limit, in round-robin order:
        # ``_pick`` looks only at these (scanning every host cost ~8% of a loopback check).
        self._open: OrderedDict[str, None] = OrderedDict()
        self._assigned: dict[str, int] = {}
        self._buffered = 0
        self._counter = itertools.count()
        self._exhausted = False
        self._fill_lock = asyncio.Lock()
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._reader = urls if isinstance(urls, UrlReader) else UrlReader(urls)

    def notify(self) -> None:
        """Wake one waiting worker: a slot, a host or new input became available.

        One, not all: a worker that then finds work wakes the next (see ``next``), so a
        release that frees one slot costs one wake-up. Waking every waiter on every release
        made most of them scan the hosts for nothing: with 64 workers over 20 hosts at 2 per
        host, 2.7 scans per URL handed out.
        """
        waiters = self._waiters
        if waiters and not self._open and not self._refill_due() and not self._over():
            # Every host with URLs is at its limit: a woken worker would only wait again
            # (those wake-ups were ~2 a URL with more workers than slots).
            return
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():  # a waiter whose own timeout ended is gone already
                waiter.set_result(None)
                return

    async def next(self) -> tuple[int, str, str] | None:
        """The next (index, url, host) a worker may check now, or None when all are handed out."""
        loop = asyncio.get_running_loop()
        while True:
            if self._refill_due():
                await self._fill()
            item, earliest = self._pick(loop.time())
            if item is not None:
                self.notify()  # more may be ready: pass the turn on
                return item
            if self._over():
                self.notify()  # the next waiter learns it is over too
                return None
            # Nothing is ready for anyone: waiting workers all see the same state.
            waiter = loop.create_future()
            self._waiters.append(waiter)
            timeout = None if math.isinf(earliest) else max(0.0, earliest - loop.time())
            with suppress(TimeoutError):
                await asyncio.wait_for(waiter, timeout)

    def _refill_due(self) -> bool:
        return (
            not self._exhausted
            and self._buffered <= LOOKAHEAD - PULL_CHUNK
            and not self._fill_lock.locked()
        )

    def _over(self) -> bool:
        return self._exhausted and self._buffered == 0

    def done(self, host: str, *, wake: bool = True) -> None:
        """A worker finished a URL of ``host``; ``wake=False`` when it asks for the next itself.

        A worker about to call ``next`` takes the slot it freed; waking another for it made
        that one find nothing and wait again (~0.7 futile wake-ups a URL).
        """
        count = self._assigned.get(host, 0) - 1
        if count > 0:
            self._assigned[host] = count
        else:
            self._assigned.pop(host, None)
        if host in self._pending and host not in self._open:
            self._open[host] = None
        if wake:
            self.notify()

    async def _fill(self) -> None:
        async with self._fill_lock:
            want = min(PULL_CHUNK, LOOKAHEAD - self._buffered)
            if want <= 0 or self._exhausted:
                return
            chunk = await self._reader.take(want)
            if len(chunk) < want:
                self._exhausted = True
            per_host, assigned, opened = self._per_host, self._assigned, self._open
            for url in chunk:
                host = host_key(url)
                self._pending.setdefault(host, deque()).append((next(self._counter), url))
                if host not in opened and (not host or assigned.get(host, 0) < per_host):
                    opened[host] = None
            self._buffered += len(chunk)
        self.notify()

    def _pick(self, now: float) -> tuple[tuple[int, str, str] | None, float]:
        earliest = math.inf
        for host in self._open:
            ready = self._gate.ready_at(host) if host else 0.0
            if ready > now:
                earliest = min(earliest, ready)
                continue
            queue = self._pending[host]
            index, url = queue.popleft()
            self._buffered -= 1
            count = self._assigned.get(host, 0) + 1
            self._assigned[host] = count
            if not queue:
                del self._pending[host], self._open[host]
            elif host and count >= self._per_host:
                del self._open[host]
            else:
                self._open.move_to_end(host)  # round robin over hosts
            return (index, url, host), earliest
        return None, earliest
