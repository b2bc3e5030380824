"""Timing helpers for the content API benchmark: an in-process WSGI client and paired rates."""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

# Production's cache for the cache-hit rows that have a Redis variant: a database of its own on
# the local Redis, emptied before and after use; skipped when nothing answers on the port.
REDIS_CACHE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379/15",
}


def redis_answers() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


class Wsgi:
    """Calls Django's WSGI handler in-process, exactly as a server would, for every side."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()

    def get(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "HTTP_HOST": "localhost",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        status: list[str] = []
        chunks = self.handler(environ, lambda s, h, exc_info=None: status.append(s))
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        return int(status[0].split()[0]), body


@dataclass
class Pair:
    """Interleaved rounds of two workloads; medians of per-round requests per second."""

    ours: list[float]
    peer: list[float]

    @property
    def ours_rps(self) -> float:
        return statistics.median(self.ours)

    @property
    def peer_rps(self) -> float:
        return statistics.median(self.peer)

    @property
    def ratio(self) -> float:
        return self.ours_rps / self.peer_rps


def rate(run: Callable[[int], None], n: int) -> float:
    started = time.perf_counter()
    for i in range(n):
        run(i)
    return n / (time.perf_counter() - started)


def compare(ours: Callable[[int], None], peer: Callable[[int], None], n: int, rounds: int) -> Pair:
    for i in range(min(n, 20)):  # warm both: renditions, caches, code paths
        ours(i)
        peer(i)
    pair = Pair([], [])
    for _ in range(rounds):
        pair.ours.append(rate(ours, n))
        pair.peer.append(rate(peer, n))
    return pair


def checked(client: Wsgi, url: str, headers=None, expect: int = 200) -> Callable[[int], None]:
    def run(_i: int) -> None:
        status, _ = client.get(url, headers)
        if status != expect:
            raise SystemExit(f"{url} answered {status}, expected {expect}")

    return run


def cycling(client: Wsgi, urls: list[str]) -> Callable[[int], None]:
    def run(i: int) -> None:
        status, _ = client.get(urls[i % len(urls)])
        if status != 200:
            raise SystemExit(f"{urls[i % len(urls)]} answered {status}")

    return run


def count_queries(client: Wsgi, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)
