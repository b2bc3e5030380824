"""A threaded HTTP server on loopback that plays every kind of link the checker meets.

Use as a context manager (``with LinkServer() as server:``) or start()/stop() from
setUpClass/tearDownClass. It binds 127.0.0.x on a free port, counts hits per path and the most
requests it ever had in flight, and stops by itself after ``lifetime`` seconds at the latest.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

REDIRECTS = {"/301": 301, "/302": 302, "/307": 307, "/308": 308}


class LinkServer:
    """One loopback HTTP server with scripted paths and counters."""

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, *, slow_seconds: float = 3.0, lifetime=120.0
    ) -> None:
        self.host = host
        self.port = port
        self.slow_seconds = slow_seconds
        self.lifetime = lifetime
        self.hits: Counter[str] = Counter()  # "METHOD /path" and "/path"
        self.user_agents: list[str] = []
        self.starts: list[float] = []  # monotonic start time of each request
        self.starts_by_path: dict[str, list[float]] = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None

    @property
    def base_url(self) -> str:
        """The server's origin, e.g. ``http://127.0.0.1:41234``."""
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        """An absolute URL on this server."""
        return self.base_url + path

    @property
    def total_hits(self) -> int:
        """Requests received, all paths and methods."""
        with self._lock:
            return sum(count for key, count in self.hits.items() if key.startswith("/"))

    def reset(self) -> None:
        """Forget counters between tests."""
        with self._lock:
            self.hits.clear()
            self.user_agents.clear()
            self.starts.clear()
            self.starts_by_path.clear()
            self.max_in_flight = self.in_flight

    def start(self) -> LinkServer:
        """Bind and serve in a daemon thread."""
        server = self

        class Handler(_Handler):
            link_server = server

        self._httpd = _Server((self.host, self.port), Handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        # Whatever happens to the test run, the server does not outlive its lifetime.
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; slow and endless responses end at once."""
        self._stopping.set()
        if self._timer is not None and self._timer is not threading.current_thread():
            self._timer.cancel()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> LinkServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # Bookkeeping used by the handler.
    def _enter(self, method: str, path: str, user_agent: str) -> None:
        with self._lock:
            self.hits[path] += 1
            self.hits[f"{method} {path}"] += 1
            self.user_agents.append(user_agent)
            now = time.monotonic()
            self.starts.append(now)
            self.starts_by_path.setdefault(path, []).append(now)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    link_server: LinkServer

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_GET(self) -> None:
        self._dispatch("GET")

    def _dispatch(self, method: str) -> None:
        server = self.link_server
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        server._enter(method, path, self.headers.get("User-Agent", ""))
        try:
            self._route(method, path, query)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the checker hung up, as it should on slow bodies
        finally:
            server._leave()

    def _route(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        server = self.link_server
        count = server.hits[path]
        if path == "/ok" or path.startswith("/ok/"):
            return self._send(200, b"<html>fine</html>")
        if path in REDIRECTS:
            return self._redirect(REDIRECTS[path], "/ok")
        if path == "/chain":  # 301 -> 302 -> 307 -> 308 -> /ok
            return self._redirect(301, "/chain/2")
        if path == "/chain/2":
            return self._redirect(302, "/chain/3")
        if path == "/chain/3":
            return self._redirect(307, "/chain/4")
        if path == "/chain/4":
            return self._redirect(308, "/ok")
        if path.startswith("/hops/"):  # /hops/N redirects N times before /ok
            left = int(path.rsplit("/", 1)[1])
            return self._redirect(301, f"/hops/{left - 1}" if left > 1 else "/ok")
        if path == "/loop/a":
            return self._redirect(302, "/loop/b")
        if path == "/loop/b":
            return self._redirect(302, "/loop/a")
        if path == "/cookie-check":  # redirects to itself once to set a cookie
            if "seen=1" in self.headers.get("Cookie", ""):
                return self._send(200, b"welcome back")
            return self._redirect(302, "/cookie-check", extra={"Set-Cookie": "seen=1; Path=/"})
        if path == "/redirect":  # /redirect?to=<absolute URL>
            return self._redirect(302, query["to"][0])
        if path == "/redirect-301":
            return self._redirect(301, query["to"][0])
        if path == "/missing":
            return self._send(404, b"not here")
        if path == "/gone":
            return self._send(410, b"gone")
        if path == "/forbidden":
            return self._send(403, b"<html>no bots</html>")
        if path == "/cf-challenge":
            return self._send(403, b"<html>Just a moment...</html>", {"cf-mitigated": "challenge"})
        if path == "/cf-503":
            body = (
                b"<html><title>Just a moment...</title><script src='/cdn-cgi/challenge-platform'>"
            )
            return self._send(503, body, {"Server": "cloudflare"})
        if path == "/rate-limited":  # 429 with Retry-After from ?after=
            return self._send(429, b"slow down", {"Retry-After": query.get("after", ["120"])[0]})
        if path == "/rate-once":  # 429 Retry-After: 1 on the first hit, then 200
            if count == 1:
                return self._send(429, b"slow down", {"Retry-After": "1"})
            return self._send(200, b"ok now")
        if path == "/error":
            return self._send(500, b"boom")
        if path == "/flaky":  # 503 on the first two hits (HEAD and its GET fallback), then 200
            return self._send(503 if count <= 2 else 200, b"flaky")
        if path == "/slow":
            server._stopping.wait(server.slow_seconds)
            return self._send(200, b"too late")
        if path == "/sleep":  # ?ms= of latency, for concurrency and politeness tests
            time.sleep(int(query.get("ms", ["50"])[0]) / 1000)
            return self._send(200, b"slept")
        if path == "/head-405":
            if method == "HEAD":
                return self._send(405, b"", {"Allow": "GET"})
            return self._send(200, b"GET works")
        if path == "/head-reset":  # HEAD drops the connection; GET answers
            if method == "HEAD":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return None
            return self._send(200, b"GET works")
        if path in ("/endless", "/endless-403"):
            if method == "HEAD" and path == "/endless":
                return self._send(405, b"")
            return self._stream_forever(200 if path == "/endless" else 403)
        return self._send(404, b"no such test path")

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _redirect(self, status: int, location: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, b"", {"Location": location, **(extra or {})})

    def _stream_forever(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        chunk = b"<p>" + b"x" * 8192 + b"</p>\n"
        deadline = time.monotonic() + 30  # a bound even if the client never hangs up
        while not self.link_server._stopping.is_set() and time.monotonic() < deadline:
            self.wfile.write(chunk)
