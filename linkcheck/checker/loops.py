"""The event loop the checker runs on: uvloop's when it is installed, else asyncio's own.

With loopback servers that answer at once, the checker is CPU-bound, and uvloop's loop and
socket transports took about a fifth off its CPU per link (benchmarks/RESULTS.md, linkcheck).
It is optional: nothing here needs it, and without it asyncio's loop runs the same code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


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
