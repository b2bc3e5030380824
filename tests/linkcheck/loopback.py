"""Shared by the fetcher tests: fast settings, a loopback-only connect guard and a server base case.

Every request goes to a LinkServer the tests start on 127.0.0.x; a guard around both clients'
connects (aiohttp's and checker/client.py's) refuses (and records) any other destination, so
even a broken SSRF rule sends nothing off this machine.
"""

import ipaddress
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from unittest import mock

import aiohappyeyeballs
from django.test import SimpleTestCase

from linkcheck.checker.client import Http1Client
from linkcheck.checker.politeness import HostGate
from linkcheck.checker.status import LinkStatus
from linkcheck.fetch import check_urls_sync
from tests.linkcheck.httpserver import LinkServer

OK, REDIRECTED, BROKEN = LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.BROKEN
UNVERIFIABLE, TEMPORARY, REFUSED = LinkStatus.UNVERIFIABLE, LinkStatus.TEMPORARY, LinkStatus.REFUSED

FAST = {
    "SKINCARE_LINKCHECK_CONCURRENCY": 16,
    "SKINCARE_LINKCHECK_PER_HOST_CONCURRENCY": 4,
    "SKINCARE_LINKCHECK_PER_HOST_DELAY": 0,
    "SKINCARE_LINKCHECK_CONNECT_TIMEOUT": 0.5,
    "SKINCARE_LINKCHECK_READ_TIMEOUT": 0.4,
    "SKINCARE_LINKCHECK_TOTAL_TIMEOUT": 1.0,
    "SKINCARE_LINKCHECK_DEADLINE": 5.0,
    "SKINCARE_LINKCHECK_RETRIES": 1,
    "SKINCARE_LINKCHECK_BACKOFF": 0.01,
    "SKINCARE_LINKCHECK_MAX_RETRY_AFTER": 2,
    "SKINCARE_LINKCHECK_CONTACT_URL": "https://skincare.example/about/link-checker",
    # Only the main server's address: the sentinel on 127.0.0.2 stays forbidden.
    "SKINCARE_LINKCHECK_ALLOWLIST": ["127.0.0.1/32"],
}


class LoopbackOnly:
    """Wraps both clients' connects: any destination off loopback is recorded and refused."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self._original = aiohappyeyeballs.start_connection
        self._original_open = Http1Client._open
        self._patches = [
            mock.patch("aiohappyeyeballs.start_connection", self._start_connection),
            mock.patch.object(Http1Client, "_open", self._open()),
        ]

    def _refuse_outside(self, host: str) -> None:
        address = ipaddress.ip_address(host.split("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)
        if not (address.is_loopback or (mapped is not None and mapped.is_loopback)):
            self.outside.append(host)
            raise OSError(f"test guard: refusing to connect to {host}")

    async def _start_connection(self, addr_infos, *args, **kwargs):
        for info in addr_infos:
            self._refuse_outside(info[4][0])
        return await self._original(addr_infos, *args, **kwargs)

    def _open(self):
        guard = self

        async def _open(client, scheme, host, port, addresses):
            for address in addresses:
                guard._refuse_outside(address)
            return await guard._original_open(client, scheme, host, port, addresses)

        return _open

    def start(self) -> None:
        for patch in self._patches:
            patch.start()

    def stop(self) -> None:
        for patch in self._patches:
            patch.stop()

    @classmethod
    def for_class(cls, test_class) -> "LoopbackOnly":
        """Started for a test class (from its setUpClass) and stopped after it."""
        guard = cls()
        guard.start()
        test_class.addClassCleanup(guard.stop)
        return guard


class RecordingGate(HostGate):
    """A HostGate that notes, per host, each slot it grants and each Retry-After deferral."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.granted: list[str] = []  # the host of each request let through, in order
        self.deferrals: list[tuple[str, float]] = []

    def defer(self, host: str, seconds: float) -> None:
        self.deferrals.append((host, seconds))
        super().defer(host, seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        async with super().slot(host):
            self.granted.append(host)
            yield


@contextmanager
def recording_gates() -> Iterator[list[RecordingGate]]:
    """The fetcher's gates become RecordingGates; yields the list of those it creates."""
    gates: list[RecordingGate] = []

    class Gate(RecordingGate):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            gates.append(self)

    with mock.patch("linkcheck.checker.fetch.HostGate", Gate):
        yield gates


class ServerTestCase(SimpleTestCase):
    """Starts a main server on 127.0.0.1 and a sentinel on 127.0.0.2 (same port when free)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = LoopbackOnly.for_class(cls)
        cls.server = LinkServer(slow_seconds=3).start()
        cls.addClassCleanup(cls.server.stop)
        try:
            cls.sentinel = LinkServer("127.0.0.2", cls.server.port).start()
        except OSError:
            cls.sentinel = LinkServer("127.0.0.2").start()
        cls.addClassCleanup(cls.sentinel.stop)

    def setUp(self):
        self.server.reset()
        self.sentinel.reset()
        self.guard.outside.clear()

    def tearDown(self):
        self.assertEqual(self.guard.outside, [], "a request tried to leave loopback")

    def url(self, path):
        return self.server.url(path)

    def check(self, *paths, **kwargs):
        results = check_urls_sync([self.url(path) for path in paths], **kwargs)
        return results[0] if len(paths) == 1 else results
