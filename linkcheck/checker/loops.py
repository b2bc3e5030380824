"""The event loop the checker runs on: uvloop's when it is installed, else asyncio's own.

With loopback servers that answer at once, the checker is CPU-bound, and uvloop's loop and
socket transports took about a fifth off its CPU per link (benchmarks/RESULTS.md, linkcheck).
It is optional: nothing here needs it, and without it asyncio's loop runs the same code.
``Watch`` keeps many timeouts on one timer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def new_event_loop() -> asyncio.AbstractEventLoop:
    """A fresh event loop: uvloop's if it can be imported, else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def run(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on the checker's loop (``new_event_loop``)."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(coro)


def run_blocking(make_coro: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``run(make_coro())`` from blocking code, even when called inside a running loop.

    From async code (an ASGI view, the immediate task backend running in one) a loop cannot be
    nested, so the coroutine then runs on a private thread's loop while this thread waits.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run(make_coro())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: run(make_coro())).result()


class Watch(Generic[K]):
    """Many timeouts on one repeating timer: ``tick(item, now)`` runs for each watched item
    every ``every`` seconds while any is watched, so a timeout fires up to ``every`` late.

    A timer of its own for each request and each URL (``call_at`` then ``cancel``) cost
    ~3 us apiece on uvloop, about 6% of a loopback check's CPU.
    """

    def __init__(self, every: float, tick: Callable[[K, float], object]) -> None:
        self.every = every
        self._tick = tick
        self._items: dict[K, None] = {}
        self._handle: asyncio.TimerHandle | None = None

    def add(self, item: K) -> None:
        """Watch ``item`` (on the running loop) until it is discarded."""
        self._items[item] = None
        if self._handle is None:
            self._handle = asyncio.get_running_loop().call_later(self.every, self._run)

    def discard(self, item: K) -> None:
        """Stop watching ``item``."""
        self._items.pop(item, None)

    def close(self) -> None:
        """Stop the timer and forget every item."""
        self._items.clear()
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _run(self) -> None:
        loop = asyncio.get_running_loop()
        self._handle = None
        now = loop.time()
        for item in list(self._items):
            self._tick(item, now)
        if self._items:
            self._handle = loop.call_later(self.every, self._run)
