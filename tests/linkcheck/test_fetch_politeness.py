"""The fetcher's per-host limits, measured at two loopback servers."""

from django.test import SimpleTestCase, override_settings

from linkcheck.fetch import check_urls_sync
from tests.linkcheck.httpserver import LinkServer
from tests.linkcheck.loopback import FAST, OK, LoopbackOnly


@override_settings(**{**FAST, "SKINCARE_LINKCHECK_ALLOWLIST": ["127.0.0.0/8"]})
class TestPerHostPoliteness(SimpleTestCase):
    """The per-host limits hold at the server, while different hosts proceed in parallel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = LoopbackOnly()
        cls.guard.start()
        cls.addClassCleanup(cls.guard.stop)
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

    @override_settings(SKINCARE_LINKCHECK_PER_HOST_DELAY=0.1)
    def test_per_host_delay_spaces_request_starts(self):
        server = self.servers[0]
        check_urls_sync([server.url(f"/ok/{n}") for n in range(5)])
        gaps = [b - a for a, b in zip(server.starts, server.starts[1:], strict=False)]
        self.assertEqual(len(gaps), 4)
        self.assertGreaterEqual(min(gaps), 0.09)

    @override_settings(SKINCARE_LINKCHECK_PER_HOST_CONCURRENCY=2)
    def test_retry_after_holds_back_the_whole_host(self):
        server = self.servers[0]
        # /sleep frees its slot while /rate-once waits out its Retry-After: 1; /ok/after must
        # still wait for the host, not start in the freed slot.
        check_urls_sync([server.url(p) for p in ("/rate-once", "/sleep?ms=200", "/ok/after")])
        first_429 = server.starts_by_path["/rate-once"][0]
        self.assertGreaterEqual(server.starts_by_path["/ok/after"][0] - first_429, 0.9)

    @override_settings(SKINCARE_LINKCHECK_PER_HOST_CONCURRENCY=1, SKINCARE_LINKCHECK_CONCURRENCY=4)
    def test_a_host_with_many_links_does_not_hold_up_the_others(self):
        busy, other = self.servers
        urls = [busy.url(f"/sleep?ms=30&n={n}") for n in range(15)] + [other.url("/ok/late")]
        check_urls_sync(urls)
        # Listed last, yet checked long before the busy host's queue (15 x 30 ms) drains.
        self.assertLess(other.starts_by_path["/ok/late"][0], busy.starts[3])
