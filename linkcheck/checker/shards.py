"""Large runs split over forked worker processes, each host on exactly one process at a time.

With servers that answer at once, one Python thread is the checker's ceiling (about 0.1 ms
of CPU a link: the HTTP exchange, the event loop and the check around it). A run of at least
``MIN_URLS`` URLs with the default name resolution is therefore handed to ``processes`` forked
children: this process reads the URLs, sends each to the child that owns its host, and streams
the results back. A host is owned by one child while any of its URLs is outstanding, so each
child's ``HostGate`` sees all of that host's requests and the per-host limit and delay still
hold; the global concurrency is divided between the children. One gap: a redirect hop to
another host passes the gate of the child that follows it, so a host that is both linked to
and redirected to may briefly have its limit in flight from each of two children.

Children are forked rather than started afresh because importing the checker (aiohttp
included) costs more than checking a thousand links; they run only this package's code (no
Django, no database: they end with ``os._exit`` so nothing inherited is flushed or closed on
the parent's behalf).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import replace

from linkcheck.checker import loops, pipes
from linkcheck.checker.politeness import LOOKAHEAD, PULL_CHUNK, host_key
from linkcheck.checker.settings import LinkcheckSettings
from linkcheck.checker.sources import UrlReader
from linkcheck.checker.status import LinkResult

MIN_URLS = 1000  # below this, forking and the pipes cost more than they save
MAX_PROCESSES = 4
_BATCH = 64  # URLs or results per pipe message
_HOLD = 0.02  # seconds a child holds finished results before sending a short batch

Body = Callable[[UrlReader, LinkcheckSettings], AsyncIterator[tuple[int, LinkResult]]]


def process_count(settings: LinkcheckSettings) -> int:
    """How many worker processes a large run uses: the setting, or (0) the CPUs this may use."""
    if not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return 1  # fork is only safe enough on Linux; elsewhere everything runs here
    if settings.processes > 0:
        return settings.processes
    return min(MAX_PROCESSES, len(os.sched_getaffinity(0)))


async def run_sharded(
    reader: UrlReader, settings: LinkcheckSettings, processes: int, body: Body
) -> AsyncIterator[tuple[int, LinkResult]]:
    """Yield (input position, result) from ``processes`` children running ``body``."""
    share = replace(settings, concurrency=-(-max(1, settings.concurrency) // processes))
    workers: list[_Worker] = []
    for _ in range(processes):
        # A child must not hold the pipes of the ones before it: they would never see EOF.
        others = [fd for worker in workers for fd in (worker.to_child, worker.from_child)]
        workers.append(_Worker.fork(body, share, others))
    router = _Router(len(workers), LOOKAHEAD)
    results: asyncio.Queue[object] = asyncio.Queue(maxsize=processes * 4)
    tasks = [asyncio.create_task(_feed(reader, workers, router, results))]
    tasks += [asyncio.create_task(worker.collect(results)) for worker in workers]
    try:
        running = len(tasks)
        while running:
            item = await results.get()
            if item is None:
                running -= 1
            elif isinstance(item, BaseException):
                raise item
            else:
                for index, result in item:  # type: ignore[attr-defined]
                    router.finished(index)
                    yield index, result
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for worker in workers:
            worker.stop()


class _Router:
    """Which child checks which host: the least loaded takes a host none holds.

    It also holds the input back while ``limit`` URLs are out, so memory stays flat here
    (and in the pipes) however many links there are.
    """

    def __init__(self, count: int, limit: int = LOOKAHEAD) -> None:
        self.load = [0] * count  # URLs sent and not yet answered, per child
        self.limit = limit
        self._room = asyncio.Event()
        self._room.set()
        self._owner: dict[str, int] = {}
        self._outstanding: dict[str, int] = {}
        self._hosts: dict[int, str] = {}  # input position -> host, while outstanding

    def route(self, index: int, host: str) -> int:
        owner = self._owner.get(host)
        if owner is None:
            owner = self._owner[host] = self.load.index(min(self.load))
        self._outstanding[host] = self._outstanding.get(host, 0) + 1
        self._hosts[index] = host
        self.load[owner] += 1
        if len(self._hosts) >= self.limit:
            self._room.clear()
        return owner

    async def room(self) -> None:
        """Wait until fewer than ``limit`` URLs are out."""
        await self._room.wait()

    def finished(self, index: int) -> None:
        host = self._hosts.pop(index)
        if len(self._hosts) < self.limit:
            self._room.set()
        self.load[self._owner[host]] -= 1
        left = self._outstanding[host] - 1
        if left:
            self._outstanding[host] = left
        else:  # forgotten, so memory stays flat over many hosts; it may move next time
            del self._outstanding[host], self._owner[host]


async def _feed(
    reader: UrlReader, workers: list[_Worker], router: _Router, results: asyncio.Queue
) -> None:
    """Read the input and send each URL to its host's child; then tell every child it ended."""
    try:
        position = 0
        while True:
            await router.room()
            chunk = await reader.take(PULL_CHUNK)
            batches: list[list[tuple[int, str]]] = [[] for _ in workers]
            for url in chunk:
                batches[router.route(position, host_key(url))].append((position, url))
                position += 1
            for worker, batch in zip(workers, batches, strict=True):
                for start in range(0, len(batch), _BATCH):
                    await worker.send(batch[start : start + _BATCH])
            if len(chunk) < PULL_CHUNK:
                break
        for worker in workers:
            worker.end_input()
        await results.put(None)
    except Exception as exc:  # the input iterator failed: the caller's error
        await results.put(exc)


class _Worker:
    """One forked child and the two pipes to it."""

    def __init__(self, pid: int, to_child: int, from_child: int) -> None:
        self.pid = pid
        self.to_child = to_child
        self.from_child = from_child
        self._writer: asyncio.WriteTransport | None = None
        self._protocol: pipes.Drain | None = None

    @classmethod
    def fork(cls, body: Body, settings: LinkcheckSettings, others: list[int]) -> _Worker:
        down_read, down_write = os.pipe()
        up_read, up_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            for fd in (down_write, up_read, *others):
                with contextlib.suppress(OSError):
                    os.close(fd)
            _child_main(body, settings, down_read, up_write)
        os.close(down_read)
        os.close(up_write)
        return cls(pid, down_write, up_read)

    async def send(self, batch: list[tuple[int, str]]) -> None:
        if self._writer is None:
            loop = asyncio.get_running_loop()
            pipe = os.fdopen(self.to_child, "wb", buffering=0)
            self._writer, self._protocol = await loop.connect_write_pipe(pipes.Drain, pipe)
        pipes.write_frame(self._writer, batch)
        assert self._protocol is not None
        await self._protocol.drain()

    def end_input(self) -> None:
        if self._writer is not None:
            self._writer.close()
        else:
            os.close(self.to_child)
        self.to_child = -1

    async def collect(self, results: asyncio.Queue) -> None:
        """Pass the child's result batches on; None when it finished, an error if it failed."""
        stream = await pipes.open_reader(os.fdopen(self.from_child, "rb", buffering=0))
        try:
            while True:
                message = await pipes.read_frame(stream)
                if message is None:
                    raise RuntimeError(f"link-check worker {self.pid} ended without finishing")
                kind, payload = message
                if kind == "done":
                    break
                if kind == "error":
                    raise RuntimeError(f"link-check worker {self.pid} failed: {payload}")
                await results.put(payload)
            await results.put(None)
        except Exception as exc:
            await results.put(exc)

    def stop(self) -> None:
        """Close the pipes and reap the child (killed if it is still running)."""
        if self._writer is not None:
            if not self._writer.is_closing():
                self._writer.abort()
        elif self.to_child >= 0:
            # A send cancelled while opening the pipe leaves its file object to close the
            # descriptor; failing here would hide the error that ended the run.
            with contextlib.suppress(OSError):
                os.close(self.to_child)
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)


def _child_main(body: Body, settings: LinkcheckSettings, down: int, up: int) -> None:
    """The child's whole life: check what the parent sends, answer, and exit without cleanup."""
    code = 0
    try:
        asyncio.events._set_running_loop(None)  # the parent's loop is not ours to use
        loops.run(_serve(body, settings, down, up))
    except BaseException:  # reported to the parent in _serve when it could be
        code = 1
    finally:
        os._exit(code)


async def _serve(body: Body, settings: LinkcheckSettings, down: int, up: int) -> None:
    loop = asyncio.get_running_loop()
    stream = await pipes.open_reader(os.fdopen(down, "rb", buffering=0))
    writer, protocol = await loop.connect_write_pipe(pipes.Drain, os.fdopen(up, "wb", buffering=0))
    positions: dict[int, int] = {}  # the Dispatcher's numbering here -> the parent's position

    async def urls() -> AsyncIterator[str]:
        read = 0
        while (message := await pipes.read_frame(stream)) is not None:
            for position, url in message:
                positions[read] = position
                read += 1
                yield url

    batch: list[tuple[int, LinkResult]] = []
    timer: asyncio.TimerHandle | None = None

    def send() -> None:
        nonlocal batch, timer
        if timer is not None:
            timer.cancel()
            timer = None
        if batch:
            pipes.write_frame(writer, ("results", batch))
            batch = []

    try:
        async for index, result in body(UrlReader(urls()), settings):
            batch.append((positions.pop(index), result))
            # Batched, but never held long: the parent streams results to its caller.
            if len(batch) >= _BATCH:
                send()
                await protocol.drain()
            elif timer is None:
                timer = loop.call_later(_HOLD, send)
        send()
        pipes.write_frame(writer, ("done", None))
    except Exception as exc:
        pipes.write_frame(writer, ("error", f"{type(exc).__name__}: {exc}"))
    await protocol.drain()
    writer.close()
