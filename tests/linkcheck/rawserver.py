"""A loopback TCP server that answers each path with scripted bytes, for the HTTP client tests.

Unlike ``LinkServer`` (a real HTTP server), it can answer what no well-behaved server would:
garbage, a reset, a body cut short, a trickle. It counts the connections it accepted, so tests
can see keep-alive reuse.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import unittest
from collections.abc import Callable
from pathlib import Path


@functools.cache
def cert() -> Path:
    """A certificate and key for 127.0.0.1 made for this run with openssl (nothing secret is
    kept in the repository); the TLS tests are skipped where openssl is missing."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise unittest.SkipTest("openssl is not installed")
    folder = Path(tempfile.mkdtemp(prefix="skincare-tls-"))
    atexit.register(shutil.rmtree, folder, True)
    pem = folder / "loopback-tls.pem"
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(pem),
            "-out",
            str(pem),
        ],
        check=True,
        capture_output=True,
    )
    return pem


# An answer: the bytes to send in order (a float is a pause in seconds, RESET a TCP reset),
# then whether the connection stays open for the next request.
Script = tuple[list[bytes | float], bool]
Route = Callable[[str], Script]  # given the method
RESET = -1.0


class RawServer:
    """Serves ``routes`` (path -> Route) on 127.0.0.1, over TLS when ``tls``."""

    def __init__(self, routes: dict[str, Route], *, tls: bool = False) -> None:
        self.routes = routes
        self.connections = 0
        self.requests: list[str] = []  # "METHOD /path" in arrival order
        self._lock = threading.Lock()
        self._listener = _bind()
        self.port = self._listener.getsockname()[1]
        self._context: ssl.SSLContext | None = None
        if tls:
            self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self._context.load_cert_chain(cert())
        self._closing = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self._closing = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closing:
            try:
                sock, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._serve, args=(sock,), daemon=True).start()

    def _serve(self, sock: socket.socket) -> None:
        try:
            if self._context is not None:
                sock = self._context.wrap_socket(sock, server_side=True)
            buffer = b""
            while True:
                while b"\r\n\r\n" not in buffer:
                    data = sock.recv(65536)
                    if not data:
                        return
                    buffer += data
                head, buffer = buffer.split(b"\r\n\r\n", 1)
                method, path = head.decode("latin-1").split(" ")[:2]
                with self._lock:
                    self.requests.append(f"{method} {path}")
                parts, keep = self.routes[path](method)
                for part in parts:
                    if part == RESET:
                        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
                        return
                    if isinstance(part, float):
                        time.sleep(part)
                    else:
                        sock.sendall(part)
                if not keep:
                    return
        except (OSError, ssl.SSLError):
            return
        finally:
            sock.close()


def _bind() -> socket.socket:
    # Port 0: the system picks a free one, so test runs side by side never collide.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    return listener


def answer(
    status: str, body: bytes = b"", headers: str = "", *, keep: bool = True, head: bool = False
) -> Route:
    """A well-formed answer with Content-Length; HEAD gets the headers only."""

    def route(method: str) -> Script:
        top = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{headers}\r\n".encode()
        return [top if method == "HEAD" or head else top + body], keep

    return route


def raw(*parts: bytes | float, keep: bool = False) -> Route:
    """Exactly these bytes (and pauses), whatever the method."""
    return lambda method: (list(parts), keep)
