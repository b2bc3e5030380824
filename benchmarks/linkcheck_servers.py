"""Loopback HTTP servers for the link-check benchmark: many hosts, fixed latency, counters.

Run as ``python -m benchmarks.linkcheck_servers --count 20 --latency 0.02``: it binds one
asyncio server per address 127.0.0.11, 127.0.0.12, ... (distinct hosts for per-host limits),
prints one JSON line ``{"servers": ["127.0.0.11:41234", ...]}`` and serves until its standard
input closes or ``--lifetime`` seconds pass, whichever comes first.

Paths: ``/p/<n>`` 200, ``/missing/<n>`` 404, ``/moved/<n>`` 301 to ``/p/<n>``. ``/__stats``
answers the server's hit count and the most requests it ever had in flight (not counted
itself); ``/__reset`` zeroes them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
from dataclasses import dataclass

STATUS_TEXT = {200: "OK", 301: "Moved Permanently", 404: "Not Found"}


@dataclass
class Stats:
    """Counters for one server (one host)."""

    hits: int = 0
    in_flight: int = 0
    max_in_flight: int = 0


class BenchProtocol(asyncio.Protocol):
    """A minimal HTTP/1.1 keep-alive server that answers after a fixed latency."""

    def __init__(self, stats: Stats, latency: float) -> None:
        self.stats = stats
        self.latency = latency
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.loop = asyncio.get_running_loop()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).decode("latin-1")
            del self.buffer[: end + 4]
            self._handle(head)

    def _handle(self, head: str) -> None:
        lines = head.split("\r\n")
        try:
            method, target, version = lines[0].split(" ", 2)
        except ValueError:
            self._write(400, b"", keep_alive=False, head_only=False)
            return
        headers = {
            k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])
        }
        connection = headers.get("connection", "").lower()
        keep_alive = connection != "close" and (version == "HTTP/1.1" or connection == "keep-alive")
        path = target.split("?", 1)[0]
        head_only = method == "HEAD"
        if path == "/__stats":
            body = json.dumps(self.stats.__dict__).encode()
            self._write(200, body, keep_alive, head_only)
            return
        if path == "/__reset":
            self.stats.hits = 0
            self.stats.max_in_flight = self.stats.in_flight
            self._write(200, b"reset", keep_alive, head_only)
            return
        self.stats.hits += 1
        self.stats.in_flight += 1
        self.stats.max_in_flight = max(self.stats.max_in_flight, self.stats.in_flight)
        self.loop.call_later(self.latency, self._respond, path, keep_alive, head_only)

    def _respond(self, path: str, keep_alive: bool, head_only: bool) -> None:
        self.stats.in_flight -= 1
        if path.startswith("/missing/"):
            self._write(404, b"not found", keep_alive, head_only)
        elif path.startswith("/moved/"):
            location = "/p/" + path.rsplit("/", 1)[1]
            self._write(301, b"", keep_alive, head_only, {"Location": location})
        else:
            self._write(200, b"<html><body>ok</body></html>", keep_alive, head_only)

    def _write(
        self,
        status: int,
        body: bytes,
        keep_alive: bool,
        head_only: bool,
        extra: dict[str, str] | None = None,
    ) -> None:
        if self.transport is None:
            return
        lines = [f"HTTP/1.1 {status} {STATUS_TEXT.get(status, 'Status')}"]
        lines += [f"{name}: {value}" for name, value in (extra or {}).items()]
        lines += [
            "Content-Type: text/html",
            f"Content-Length: {len(body)}",
            "Connection: " + ("keep-alive" if keep_alive else "close"),
        ]
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.transport.write(payload if head_only else payload + body)
        if not keep_alive:
            self.transport.close()


async def serve(count: int, latency: float, lifetime: float, first_octet: int) -> None:
    """Start ``count`` servers, announce them, and stop on stdin EOF or after ``lifetime``."""
    loop = asyncio.get_running_loop()
    servers = []
    addresses = []
    for index in range(count):
        host = f"127.0.0.{first_octet + index}"
        stats = Stats()
        server = await loop.create_server(
            lambda stats=stats: BenchProtocol(stats, latency), host, 0, backlog=1024
        )
        servers.append(server)
        addresses.append(f"{host}:{server.sockets[0].getsockname()[1]}")
    print(json.dumps({"servers": addresses}), flush=True)

    # A daemon thread, so a stdin that never closes cannot keep the process past its lifetime.
    stdin_closed = loop.create_future()

    def wait_for_eof() -> None:
        sys.stdin.read()
        loop.call_soon_threadsafe(lambda: stdin_closed.done() or stdin_closed.set_result(None))

    threading.Thread(target=wait_for_eof, daemon=True).start()
    try:
        await asyncio.wait_for(stdin_closed, timeout=lifetime)
    except TimeoutError:
        pass
    finally:
        for server in servers:
            server.close()


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20, help="number of servers (hosts)")
    parser.add_argument("--latency", type=float, default=0.02, help="seconds added per request")
    parser.add_argument("--lifetime", type=float, default=900, help="stop after this many seconds")
    parser.add_argument("--first-octet", type=int, default=11, help="last octet of the first host")
    args = parser.parse_args()
    asyncio.run(serve(args.count, args.latency, args.lifetime, args.first_octet))


if __name__ == "__main__":
    main()
