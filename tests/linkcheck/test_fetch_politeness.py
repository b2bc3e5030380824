"""The fetcher's per-host limits: the gate's schedule on a virtual clock, and the fetcher at two
loopback servers sending every request through that gate."""

import asyncio
import selectors

from django.test import SimpleTestCase, override_settings

from linkcheck.checker.politeness import HostGate
from linkcheck.checker.status import LinkStatus
from linkcheck.fetch import check_urls_sync
from tests.linkcheck.httpserver import LinkServer
from tests.linkcheck.loopback import FAST, OK, LoopbackOnly, recording_gates


class _SkippingSelector(selectors.DefaultSelector):
    """A selector that never blocks: a wait for the next timer moves the virtual clock instead."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout=None):
        events = super().select(0)
        if not events:
            if timeout is None:
                raise RuntimeError("deadlock: nothing ready and no timer pending")
            self.now += timeout
        return events


class VirtualClockLoop(asyncio.SelectorEventLoop):
    """An event loop whose time() only moves when every task waits on a timer, so a schedule
    built from ``loop.time()`` and ``asyncio.sleep`` comes out exact whatever the machine's load."""

    def __init__(self) -> None:
        self._clock = _SkippingSelector()
        super().__init__(self._clock)

    def time(self) -> float:
        return self._clock.now


def run_virtual(coro):
    loop = VirtualClockLoop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


class TestHostGate(SimpleTestCase):
    """The gate's schedule of request starts, read off a virtual clock (in seconds)."""

    def gate_run(self, gate, requests, *, before=None):
        """Start ``requests`` [(host, seconds held)] together; return [(host, start time)]."""
        starts = []

        async def request(host, hold):
            async with gate.slot(host):
                starts.append((host, round(asyncio.get_running_loop().time(), 6)))
                await asyncio.sleep(hold)

        async def main():
            if before is not None:
                await before(gate)
            await asyncio.gather(*(request(host, hold) for host, hold in requests))

        run_virtual(main())
        return starts

    def test_delay_spaces_starts_to_one_host_but_not_across_hosts(self):
        gate = HostGate(limit=4, delay=0.1)
        starts = self.gate_run(gate, [("a", 0)] * 4 + [("b", 0)] * 2)
        self.assertEqual([t for host, t in starts if host == "a"], [0.0, 0.1, 0.2, 0.3])
        self.assertEqual([t for host, t in starts if host == "b"], [0.0, 0.1])

    def test_limit_caps_requests_in_flight_per_host(self):
        gate = HostGate(limit=2, delay=0)
        starts = self.gate_run(gate, [("a", 1.0)] * 5 + [("b", 1.0)])
        self.assertEqual([t for host, t in starts if host == "a"], [0.0, 0.0, 1.0, 1.0, 2.0])
        self.assertEqual([t for host, t in starts if host == "b"], [0.0])

    def test_a_deferral_holds_back_every_later_start_to_the_host(self):
        # As after a Retry-After: 1 answer. A slot is free, yet the next start waits.
        gate = HostGate(limit=2, delay=0)

        async def defer(gate):
            gate.defer("a", 1.0)

        starts = self.gate_run(gate, [("a", 0), ("a", 0), ("b", 0)], before=defer)
        self.assertEqual(starts, [("b", 0.0), ("a", 1.0), ("a", 1.0)])

    def test_ready_at_tells_the_dispatcher_when_a_host_opens(self):
        gate = HostGate(limit=1, delay=0.5)
        seen = {}

        async def main():
            seen["unknown"] = gate.ready_at("a")
            async with gate.slot("a"):
                seen["full"] = gate.ready_at("a")
            seen["after"] = gate.ready_at("a")

        run_virtual(main())
        self.assertEqual(seen, {"unknown": 0.0, "full": float("inf"), "after": 0.5})


@override_settings(**{**FAST, "SKINCARE_LINKCHECK_ALLOWLIST": ["127.0.0.0/8"]})
class TestPerHostPoliteness(SimpleTestCase):
    """The per-host limits hold at the server, while different hosts proceed in parallel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = LoopbackOnly.for_class(cls)
        cls.servers = [LinkServer(f"127.0.0.{n}").start() for n in (1, 3)]
        for server in cls.servers:
            cls.addClassCleanup(server.stop)

    def setUp(self):
        for server in self.servers:
            server.reset()

    def test_in_flight_requests_per_host_never_exceed_the_setting(self):
        for limit in (1, 2, 3):
            with (
                self.subTest(limit=limit),
                override_settings(SKINCARE_LINKCHECK_PER_HOST_CONCURRENCY=limit),
            ):
                self.setUp()
                urls = [s.url(f"/sleep?ms=40&n={n}") for n in range(12) for s in self.servers]
                results = check_urls_sync(urls)
                self.assertEqual({r.status for r in results}, {OK})
                for server in self.servers:
                    # Reached, so the limit is used, and never passed.
                    self.assertEqual(server.max_in_flight, limit)

    @override_settings(SKINCARE_LINKCHECK_PER_HOST_DELAY=0.01)
    def test_every_request_passes_the_gate_of_its_host(self):
        # Redirect hops, the GET after a refused HEAD and retries each count; TestHostGate
        # shows what the gate does with them.
        paths = ("/ok/1", "/301", "/head-405", "/rate-once")
        with recording_gates() as gates:
            results = check_urls_sync([s.url(p) for p in paths for s in self.servers])
        self.assertEqual({r.status for r in results} - {OK}, {LinkStatus.REDIRECTED})
        (gate,) = gates
        for server in self.servers:
            with self.subTest(host=server.host):
                self.assertEqual(gate.granted.count(server.host), server.total_hits)
                self.assertIn((server.host, 1.0), gate.deferrals)  # /rate-once's Retry-After

    @override_settings(SKINCARE_LINKCHECK_PER_HOST_CONCURRENCY=1, SKINCARE_LINKCHECK_CONCURRENCY=4)
    def test_a_host_with_many_links_does_not_hold_up_the_others(self):
        busy, other = self.servers
        urls = [busy.url(f"/sleep?ms=30&n={n}") for n in range(15)] + [other.url("/ok/late")]
        check_urls_sync(urls)
        # Listed last, yet checked long before the busy host's queue (15 x 30 ms) drains.
        self.assertLess(other.starts_by_path["/ok/late"][0], busy.starts[3])
