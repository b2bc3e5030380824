"""A lean HTTP/1.1 exchange for link checks: an asyncio protocol around httptools' parser.

A link check sends one request at a time per connection, keeps no cookie jar, never
decompresses and reads at most a capped body. With servers that answer at once, aiohttp's
general request machinery was most of a check's CPU: 75-110 us a request on loopback against
25-35 us through this module, and 0.17 against 0.10 ms of CPU a link on the link-check
benchmark's 0 ms run. So the checker's default client (client.py: connections, keep-alive,
name resolution) speaks HTTP/1.1 through this module: ``Connection`` is the socket's
protocol, ``Exchange`` one request's answer as the parser reads it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import httptools

# Bytes of status line and headers one answer may take: the parser itself sets no limit.
MAX_HEAD = 64 * 1024


@dataclass
class Reply:
    """What one HTTP exchange returned (only what classification needs)."""

    status: int
    headers: dict[str, str]
    body: bytes = b""
    set_cookies: tuple[str, ...] = ()
    note: str = ""


class HttpError(Exception):
    """A request that got no usable HTTP answer."""


class ConnectError(HttpError):
    """No connection could be made; ``os_error`` says why (classification looks inside it)."""

    def __init__(self, host: str, port: int, os_error: BaseException) -> None:
        super().__init__(f"{host}:{port}: {os_error}")
        self.os_error = os_error


class ConnectTimeout(HttpError, TimeoutError):
    """The connection (name lookup included) was not made in time."""


class ReadTimeout(HttpError, TimeoutError):
    """The server went quiet for longer than the read timeout."""


class Disconnected(HttpError):
    """The server closed the connection before its answer's headers were complete."""


class BadResponse(HttpError):
    """The answer is not HTTP/1.x the parser accepts."""


class BodyCut(HttpError):
    """The connection closed before the body its headers announced had arrived."""


class Exchange:
    """One request's answer as it arrives: the parser's callbacks and the waiter for the end.

    Interim (1xx) answers are skipped. For HEAD the answer ends with its headers; for GET the
    body is read only when it can tell something (an error page, or a short one that keeps the
    connection reusable), and never past ``cap`` bytes.
    """

    __slots__ = (
        "_chunked",
        "_fed",
        "_head_size",
        "_length",
        "body",
        "cap",
        "deadline",
        "done",
        "extra",
        "head_only",
        "headers",
        "headers_done",
        "last_read",
        "loop",
        "parser",
        "reusable",
        "status",
        "waiter",
    )

    def __init__(self, loop: asyncio.AbstractEventLoop, head_only: bool, cap: int) -> None:
        self.loop = loop
        self.parser = httptools.HttpResponseParser(self)
        self.waiter: asyncio.Future[None] = loop.create_future()
        self.head_only = head_only
        self.cap = cap
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = bytearray()
        self.headers_done = False
        self.done = False  # the answer is complete (or read as far as it will be)
        self.reusable = False
        self.extra = False  # bytes after a HEAD answer's headers: the connection is suspect
        self.last_read = loop.time()
        self.deadline = 0.0  # loop time by which the whole answer must be in (set by the client)
        self._fed = 0  # bytes fed before the headers were complete
        self._head_size = 0  # bytes of header names and values
        self._length: int | None = None
        self._chunked = False

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        self._head_size += len(name) + len(value)
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        status = self.parser.get_status_code()
        if status == 101:
            self.status = status  # nothing asked to switch protocols: feed() fails it
            return
        if 100 <= status < 200:
            self.headers = []  # an interim answer (100 Continue, 103 Early Hints): skip it
            return
        if self._head_size > MAX_HEAD:
            return  # feed() fails it: headers_done stays False
        self.status = status
        self.headers_done = True
        for name, value in self.headers:
            if name == b"content-length":
                self._length = int(value) if value.strip().isdigit() else None
            elif name == b"transfer-encoding":
                self._chunked = b"chunked" in value.lower()
        if self.head_only:
            self._finish(self.parser.should_keep_alive())
        elif status < 400 and (self._length is None or self._length > self.cap):
            # A working page of unknown or large size: its status says it all, so stop here
            # rather than download it (the connection is dropped, as it is mid-answer).
            self._finish(False)

    def on_body(self, body: bytes) -> None:
        if self.done:
            self.extra = self.head_only
            return
        room = self.cap - len(self.body)
        if len(body) > room:
            self.body += body[:room]
            self._finish(False)  # an endless or oversized body: drop the connection
        else:
            self.body += body

    def on_message_complete(self) -> None:
        if self.headers_done and not self.done:
            self._finish(self.parser.should_keep_alive())

    def _finish(self, reusable: bool) -> None:
        self.done = True
        self.reusable = reusable

    # fed by Connection
    def feed(self, data: bytes) -> None:
        self.last_read = self.loop.time()
        if not self.headers_done:
            self._fed += len(data)  # checked after parsing: the body may share a read
        try:
            self.parser.feed_data(data)
        except (httptools.HttpParserError, httptools.HttpParserUpgrade) as exc:
            if not self.done:
                self.fail(BadResponse(str(exc) or type(exc).__name__))
                return
            self.extra = True  # garbage after a complete answer: answer kept, connection not
        if not self.headers_done and max(self._fed, self._head_size) > MAX_HEAD:
            self.fail(BadResponse(f"response headers longer than {MAX_HEAD} bytes"))
            return
        if self.status == 101 and not self.done:
            self.fail(BadResponse("unexpected protocol switch (101) to a link check"))
            return
        if self.done and not self.waiter.done():
            if self.extra:
                self.reusable = False
            self.waiter.set_result(None)

    def lost(self, exc: BaseException | None) -> None:
        """The connection closed: a close-delimited body ends here, anything else is cut."""
        if self.waiter.done():
            return
        if not self.headers_done:
            self.fail(Disconnected("server closed the connection without answering"))
        elif self._length is not None or self._chunked:
            self.fail(BodyCut(f"connection closed during the body ({exc or 'EOF'})"))
        else:
            self._finish(False)
            self.waiter.set_result(None)

    def fail(self, exc: BaseException) -> None:
        self.reusable = False
        if not self.waiter.done():
            self.waiter.set_exception(exc)

    def reply(self) -> Reply:
        headers: dict[str, str] = {}
        cookies: list[str] = []
        for name, value in self.headers:
            key = name.decode("latin-1")
            text = value.decode("utf-8", "surrogateescape")
            headers[key] = text
            if key == "set-cookie":
                cookies.append(text)
        return Reply(self.status, headers, bytes(self.body), tuple(cookies))


class Connection(asyncio.Protocol):
    """One socket to one origin; it carries one ``Exchange`` at a time."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.exchange: Exchange | None = None
        self.closed = False
        self.idle_since = 0.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        exchange = self.exchange
        if exchange is None:  # bytes nobody asked for: this connection cannot be trusted
            self.close()
            return
        exchange.feed(data)

    def eof_received(self) -> bool:
        return False  # close the transport; connection_lost tells the exchange

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.transport = None
        if self.exchange is not None:
            self.exchange.lost(exc)

    def send(self, exchange: Exchange, head: bytes) -> None:
        assert self.transport is not None
        self.exchange = exchange
        self.transport.write(head)

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()
