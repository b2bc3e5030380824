"""The async fetcher against loopback servers, plus its pure classification and promotion policy.

Every request goes to a LinkServer this module starts on 127.0.0.x; a guard around aiohttp's
connect refuses (and records) any other destination, so even a broken SSRF rule sends nothing
off this machine.
"""

import asyncio
import ipaddress
import socket
from datetime import UTC, datetime, timedelta
from unittest import mock

import aiohappyeyeballs
from django.test import SimpleTestCase, override_settings

from blog.linkcheck import conf
from blog.linkcheck.fetch import check_url, check_urls, check_urls_sync, iter_check_urls
from blog.linkcheck.safety import StaticResolver
from blog.linkcheck.schedule import decide
from blog.linkcheck.status import (
    LinkResult,
    LinkStatus,
    classify_exception,
    classify_response,
    parse_retry_after,
)
from tests.blog.linkcheck.httpserver import LinkServer

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
    """Wraps aiohttp's connect: any destination off loopback is recorded and refused."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self._original = aiohappyeyeballs.start_connection
        self._patch = mock.patch("aiohappyeyeballs.start_connection", self._start_connection)

    async def _start_connection(self, addr_infos, *args, **kwargs):
        for info in addr_infos:
            host = info[4][0]
            address = ipaddress.ip_address(host.split("%")[0])
            mapped = getattr(address, "ipv4_mapped", None)
            if not (address.is_loopback or (mapped is not None and mapped.is_loopback)):
                self.outside.append(host)
                raise OSError(f"test guard: refusing to connect to {host}")
        return await self._original(addr_infos, *args, **kwargs)

    def start(self) -> None:
        self._patch.start()

    def stop(self) -> None:
        self._patch.stop()


class ServerTestCase(SimpleTestCase):
    """Starts a main server on 127.0.0.1 and a sentinel on 127.0.0.2 (same port when free)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = LoopbackOnly()
        cls.guard.start()
        cls.addClassCleanup(cls.guard.stop)
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


@override_settings(**FAST)
class TestFetchClassification(ServerTestCase):
    """Each kind of answer a site gives ends in the status an editor should see."""

    def test_statuses_are_classified(self):
        cases = [
            ("/ok", OK, 200),
            ("/302", OK, 200),
            ("/307", OK, 200),
            ("/301", REDIRECTED, 200),
            ("/308", REDIRECTED, 200),
            ("/missing", BROKEN, 404),
            ("/gone", BROKEN, 410),
            ("/loop/a", BROKEN, 302),
            ("/forbidden", UNVERIFIABLE, 403),
            ("/cf-challenge", UNVERIFIABLE, 403),
            ("/cf-503", UNVERIFIABLE, 503),
            ("/rate-limited?after=120", UNVERIFIABLE, 429),
            ("/error", TEMPORARY, 500),
            ("/slow", TEMPORARY, None),
            ("/head-405", OK, 200),
            ("/endless", OK, 200),
            ("/endless-403", UNVERIFIABLE, 403),
        ]
        results = self.check(*(path for path, _, _ in cases))
        for (path, status, http_status), result in zip(cases, results, strict=True):
            with self.subTest(path=path):
                self.assertEqual(result.url, self.url(path))
                self.assertEqual(result.status, status, result.reason)
                self.assertEqual(result.http_status, http_status)
                self.assertTrue(result.reason)

    def test_permanent_redirect_reports_the_target_to_update_to(self):
        for path in ("/301", "/308"):
            with self.subTest(path=path):
                result = self.check(path)
                self.assertEqual(result.status, REDIRECTED)
                self.assertEqual(result.final_url, self.url("/ok"))
                self.assertEqual(result.suggested_url, self.url("/ok"))
                self.assertEqual(result.redirect_chain[0].http_status, int(path[1:]))

    def test_temporary_redirect_is_ok_and_not_suggested_as_a_fix(self):
        result = self.check("/302")
        self.assertEqual(result.status, OK)
        self.assertEqual(result.final_url, self.url("/ok"))
        self.assertIsNone(result.suggested_url)

    def test_chain_records_every_hop_and_suggests_the_end_of_the_permanent_run(self):
        result = self.check("/chain")
        self.assertEqual(result.status, REDIRECTED)
        self.assertEqual([hop.http_status for hop in result.redirect_chain], [301, 302, 307, 308])
        self.assertEqual(result.final_url, self.url("/ok"))
        self.assertEqual(result.suggested_url, self.url("/chain/2"))

    def test_five_redirects_are_followed_and_a_sixth_is_broken(self):
        five, six = self.check("/hops/5", "/hops/6")
        self.assertEqual(five.status, REDIRECTED)
        self.assertEqual(len(five.redirect_chain), 5)
        self.assertEqual(six.status, BROKEN)
        self.assertIn("more than 5 redirects", six.reason)
        self.assertEqual(self.server.hits["/ok"], 1)  # the sixth target was never fetched

    def test_redirect_loop_is_broken_and_stops(self):
        result = self.check("/loop/a")
        self.assertEqual(result.status, BROKEN)
        self.assertIn("redirect loop", result.reason)
        self.assertEqual(self.server.hits["/loop/a"], 1)
        self.assertEqual(self.server.hits["/loop/b"], 1)

    def test_self_redirect_that_sets_a_cookie_is_not_a_loop(self):
        result = self.check("/cookie-check")
        self.assertEqual(result.status, OK, result.reason)
        self.assertEqual(len(result.redirect_chain), 1)

    def test_head_405_falls_back_to_get_and_the_host_is_remembered(self):
        with override_settings(SKINCARE_LINKCHECK_CONCURRENCY=1):
            first, second = self.check("/head-405?n=1", "/head-405?n=2")
        self.assertEqual((first.status, second.status), (OK, OK))
        self.assertEqual(self.server.hits["HEAD /head-405"], 1)
        self.assertEqual(self.server.hits["GET /head-405"], 2)

    def test_head_connection_reset_falls_back_to_get(self):
        result = self.check("/head-reset")
        self.assertEqual(result.status, OK, result.reason)
        self.assertEqual(self.server.hits["GET /head-reset"], 1)

    def test_endless_bodies_are_not_read_to_the_end(self):
        for path in ("/endless", "/endless-403"):
            with self.subTest(path=path):
                result = self.check(path)
                self.assertNotEqual(result.status, TEMPORARY, result.reason)
                self.assertLess(result.elapsed_ms, 1000)

    def test_slow_response_times_out_as_temporary(self):
        result = self.check("/slow")
        self.assertEqual(result.status, TEMPORARY)
        self.assertIn("timed out", result.reason)
        self.assertFalse(result.cacheable_as_final)
        # Two attempts of 0.4 s read timeout, not the server's 3 s.
        self.assertLess(result.elapsed_ms, 2000)

    def test_server_errors_are_retried_then_temporary(self):
        result = self.check("/error")
        self.assertEqual(result.status, TEMPORARY)
        self.assertEqual(self.server.hits["GET /error"], 2)  # first try plus one retry

    def test_transient_server_error_recovers_on_retry(self):
        result = self.check("/flaky")
        self.assertEqual(result.status, OK, result.reason)
        self.assertEqual(self.server.hits["/flaky"], 3)

    def test_retry_after_is_honoured(self):
        result = self.check("/rate-once")
        self.assertEqual(result.status, OK, result.reason)
        self.assertGreaterEqual(result.elapsed_ms, 900)
        self.assertEqual(self.server.hits["/rate-once"], 2)

    def test_retry_after_beyond_the_cap_is_reported_not_waited_for(self):
        result = self.check("/rate-limited?after=120")
        self.assertEqual(result.status, UNVERIFIABLE)
        self.assertIn("Retry-After 120 s", result.reason)
        self.assertLess(result.elapsed_ms, 1000)
        self.assertEqual(self.server.hits["/rate-limited"], 1)

    def test_user_agent_names_the_checker_and_a_contact_url(self):
        self.check("/ok")
        self.assertEqual(
            self.server.user_agents,
            ["SkincareLinkChecker/1.0 (+https://skincare.example/about/link-checker)"],
        )

    def test_unknown_host_is_broken(self):
        resolver = StaticResolver({})
        result = check_url(f"http://no-such-host.test:{self.server.port}/", resolver=resolver)
        self.assertEqual(result.status, BROKEN)
        self.assertIn("unknown host", result.reason)

    def test_connection_refused_is_temporary(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        result = check_url(f"http://127.0.0.1:{closed_port}/")
        self.assertEqual(result.status, TEMPORARY)
        self.assertIn("could not connect", result.reason)

    def test_bad_inputs_become_results_not_exceptions(self):
        urls = ["mailto:editor@example.com", "not a url", "", "http://exa mple.com/", "http://[::1"]
        results = check_urls_sync(urls)
        self.assertEqual([result.url for result in results], urls)
        self.assertEqual({result.status for result in results}, {REFUSED})

    def test_results_keep_input_order_and_duplicates_are_checked_once(self):
        paths = ["/missing", "/ok", "/missing", "/301"]
        results = self.check(*paths)
        self.assertEqual([r.url for r in results], [self.url(p) for p in paths])
        self.assertIs(results[0], results[2])
        self.assertEqual(self.server.hits["GET /missing"], 1)

    def test_result_summary_and_timing(self):
        result = self.check("/301")
        self.assertEqual(
            result.as_dict(),
            {
                "url": self.url("/301"),
                "status": "redirected",
                "http_status": 200,
                "final_url": self.url("/ok"),
                "reason": result.reason,
            },
        )
        self.assertTrue(result.cacheable_as_final)
        self.assertEqual(result.checked_at.tzinfo, UTC)
        self.assertGreaterEqual(result.elapsed_ms, 0)

    def test_progress_is_called_once_per_url(self):
        seen = []
        self.check("/ok", "/missing", "/302", progress=seen.append)
        self.assertEqual(
            sorted(r.url for r in seen), sorted(self.url(p) for p in ("/ok", "/missing", "/302"))
        )

    def test_iter_check_urls_streams_from_a_generator(self):
        def urls():
            for n in range(30):
                yield self.url(f"/ok/{n}")

        async def collect():
            return [result async for result in iter_check_urls(urls(), settings=conf.load())]

        results = asyncio.run(collect())
        self.assertEqual(len(results), 30)
        self.assertEqual({r.status for r in results}, {OK})

    def test_sync_wrapper_works_inside_a_running_loop(self):
        async def from_async_code():
            return check_url(self.url("/ok"))

        self.assertEqual(asyncio.run(from_async_code()).status, OK)

    def test_async_api_returns_one_result_per_url(self):
        results = asyncio.run(check_urls([self.url("/ok"), self.url("/gone")]))
        self.assertEqual([r.status for r in results], [OK, BROKEN])


class FlipResolver(StaticResolver):
    """Answers one address the first time and another afterwards (a DNS rebinding attacker)."""

    def __init__(self, first, then):
        super().__init__({})
        self.answers = [first, then]
        self.calls = 0

    async def resolve(self, host, port=0, family=0):
        address = self.answers[min(self.calls, 1)]
        self.calls += 1
        return await StaticResolver({host: address}).resolve(host, port, family)


@override_settings(**FAST)
class TestFetchSsrf(ServerTestCase):
    """No URL form, redirect or DNS answer reaches a loopback server that is not allowlisted."""

    def test_loopback_forms_never_reach_the_sentinel(self):
        port = self.sentinel.port
        sentinel_ok = self.sentinel.url("/ok")
        urls = [
            sentinel_ok,
            f"http://2130706434:{port}/ok",
            f"http://0x7f000002:{port}/ok",
            f"http://0177.0.0.2:{port}/ok",
            f"http://127.2:{port}/ok",
            f"http://127.0.2:{port}/ok",
            f"http://[::ffff:127.0.0.2]:{port}/ok",
            f"http://[::ffff:7f00:2]:{port}/ok",
            f"http://[::127.0.0.2]:{port}/ok",
            f"http://rebind.test:{port}/ok",
            f"http://mixed.test:{port}/ok",
            self.url(f"/redirect?to={sentinel_ok}"),
            self.url(f"/redirect-301?to=http://2130706434:{port}/ok"),
            self.url(f"/redirect?to=http://rebind.test:{port}/ok"),
            self.url(f"/redirect?to=http://[::ffff:127.0.0.2]:{port}/ok"),
        ]
        resolver = StaticResolver(
            {"rebind.test": "127.0.0.2", "mixed.test": ["127.0.0.1", "127.0.0.2"]}
        )
        results = check_urls_sync(urls, resolver=resolver)
        for url, result in zip(urls, results, strict=True):
            with self.subTest(url=url):
                self.assertEqual(result.status, REFUSED, result.reason)
                self.assertTrue(result.cacheable_as_final)
        self.assertEqual(self.sentinel.total_hits, 0)

    def test_redirect_to_loopback_is_refused_and_reported(self):
        target = self.sentinel.url("/ok")
        result = self.check(f"/redirect?to={target}")
        self.assertEqual(result.status, REFUSED)
        self.assertEqual(result.final_url, target)
        self.assertIn(f"redirect to {target} refused: loopback", result.reason)
        self.assertEqual(len(result.redirect_chain), 1)
        self.assertEqual(self.sentinel.total_hits, 0)

    @override_settings(SKINCARE_LINKCHECK_ALLOWLIST=[])
    def test_without_an_allowlist_loopback_is_refused(self):
        # The main server is now the sentinel: nothing may reach it.
        port = self.server.port
        urls = [
            self.url("/ok"),
            f"http://localhost:{port}/ok",
            f"http://LocalHost.:{port}/ok",
            f"http://app.localhost:{port}/ok",
            f"http://2130706433:{port}/ok",
            f"http://[::1]:{port}/ok",
            f"http://loop.test:{port}/ok",
        ]
        results = check_urls_sync(urls, resolver=StaticResolver({"loop.test": "127.0.0.1"}))
        self.assertEqual([r.status for r in results], [REFUSED] * len(urls))
        self.assertEqual(self.server.total_hits, 0)

    def test_private_and_special_addresses_are_refused_before_connecting(self):
        urls = [
            "http://10.0.0.1/",
            "http://172.16.5.4/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/",
            "http://[fd00::1]/",
            "http://[fe80::1]/",
            "http://0.0.0.0/",
            "http://3232235777/",
            "http://0xa9fea9fe/",
            "http://[::ffff:10.0.0.1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://internal.test/",
        ]
        results = check_urls_sync(urls, resolver=StaticResolver({"internal.test": "10.1.2.3"}))
        for url, result in zip(urls, results, strict=True):
            with self.subTest(url=url):
                self.assertEqual(result.status, REFUSED, result.reason)
        self.assertEqual(self.guard.outside, [])

    def test_dns_rebinding_cannot_swap_the_address_after_the_check(self):
        # Checked and connected with the one answer: a second lookup would reach the sentinel.
        resolver = FlipResolver("127.0.0.1", "127.0.0.2")
        result = check_url(f"http://rebind.test:{self.server.port}/ok", resolver=resolver)
        self.assertEqual(result.status, OK, result.reason)
        self.assertEqual(resolver.calls, 1)
        self.assertEqual(self.sentinel.total_hits, 0)

    def test_a_forbidden_first_answer_is_never_retried_into_an_allowed_one(self):
        resolver = FlipResolver("127.0.0.2", "127.0.0.1")
        result = check_url(f"http://rebind.test:{self.server.port}/ok", resolver=resolver)
        self.assertEqual(result.status, REFUSED)
        self.assertEqual(self.sentinel.total_hits + self.server.total_hits, 0)


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


class TestSettings(SimpleTestCase):
    """Settings have documented defaults and follow override_settings."""

    def test_defaults(self):
        settings = conf.load()
        self.assertEqual(settings.per_host_concurrency, 2)
        self.assertEqual(settings.max_redirects, 5)
        self.assertEqual(settings.promote_after_failures, 3)
        self.assertEqual(settings.promote_window_hours, 24)
        self.assertTrue(settings.user_agent_header.startswith("SkincareLinkChecker/"))

    @override_settings(
        SKINCARE_LINKCHECK_MAX_REDIRECTS=2,
        SKINCARE_LINKCHECK_CONTACT_URL="https://clinic.example/bots",
        SKINCARE_LINKCHECK_RECHECK_HOURS={"ok": 1},
    )
    def test_overrides(self):
        settings = conf.load()
        self.assertEqual(settings.max_redirects, 2)
        self.assertIn("(+https://clinic.example/bots)", settings.user_agent_header)
        recheck = dict(settings.recheck_hours)
        self.assertEqual((recheck["ok"], recheck["broken"]), (1, 72))

    def test_unknown_setting_names_are_errors(self):
        with self.assertRaises(KeyError):
            conf.setting("NO_SUCH_THING")


class TestClassifyResponse(SimpleTestCase):
    """Status codes, headers and challenge pages map to editor-facing statuses."""

    def test_table(self):
        cf_body = b"<html><title>Just a moment...</title>"
        cases = [
            (200, {}, b"", OK),
            (204, {}, b"", OK),
            (304, {}, b"", OK),
            (301, {}, b"", UNVERIFIABLE),  # a redirect with no Location
            (400, {}, b"", UNVERIFIABLE),
            (401, {}, b"", UNVERIFIABLE),
            (403, {}, b"", UNVERIFIABLE),
            (404, {}, b"", BROKEN),
            (410, {}, b"", BROKEN),
            (429, {}, b"", UNVERIFIABLE),
            (451, {}, b"", UNVERIFIABLE),
            (999, {}, b"", UNVERIFIABLE),
            (500, {}, b"", TEMPORARY),
            (502, {}, b"", TEMPORARY),
            (503, {}, b"", TEMPORARY),
            (503, {"Server": "cloudflare"}, cf_body, UNVERIFIABLE),
            (503, {"cf-mitigated": "challenge"}, b"", UNVERIFIABLE),
            (200, {"cf-mitigated": "challenge"}, b"", UNVERIFIABLE),
            (403, {"x-datadome": "protected"}, b"", UNVERIFIABLE),
            (200, {"x-datadome": "protected"}, b"", OK),
            (200, {}, cf_body, OK),  # a page may quote a challenge; only error pages count
        ]
        for code, headers, body, expected in cases:
            with self.subTest(code=code, headers=headers, body=body):
                self.assertEqual(classify_response(code, headers, body)[0], expected)

    def test_exceptions(self):
        cases = [
            (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), BROKEN),
            (socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), TEMPORARY),
            (TimeoutError(), TEMPORARY),
            (ConnectionResetError(104, "reset"), TEMPORARY),
            (RuntimeError("surprise"), TEMPORARY),
        ]
        for exc, expected in cases:
            with self.subTest(exc=exc):
                self.assertEqual(classify_exception(exc)[0], expected)

    def test_cacheable_as_final_excludes_temporary_and_unverifiable(self):
        for status in LinkStatus:
            with self.subTest(status=status):
                result = LinkResult(url="https://example.com/", status=status)
                self.assertEqual(result.cacheable_as_final, status not in (TEMPORARY, UNVERIFIABLE))


class TestParseRetryAfter(SimpleTestCase):
    """Retry-After is read as seconds or as an HTTP date."""

    def test_forms(self):
        now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
        cases = [
            ("120", 120.0),
            (" 0 ", 0.0),
            ("Sun, 01 Mar 2026 12:00:30 GMT", 30.0),
            ("Sun, 01 Mar 2026 11:00:00 GMT", 0.0),  # already past
            ("soon", None),
            ("-5", None),
            ("", None),
            (None, None),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(parse_retry_after(value, now), expected)


class TestPromotionPolicy(SimpleTestCase):
    """Temporary failures become broken after 3 failures spread over at least 24 hours."""

    t0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    def at(self, hours):
        return self.t0 + timedelta(hours=hours)

    def test_three_failures_over_a_day_become_broken(self):
        decision = decide(
            [(self.at(0), "temporary"), (self.at(5), "temporary"), (self.at(24), "temporary")]
        )
        self.assertEqual(decision.status, BROKEN)
        self.assertTrue(decision.promoted)
        self.assertEqual(decision.failures, 3)

    def test_failures_close_together_stay_temporary(self):
        for hours in ([0, 1, 2], [0, 1, 2, 3, 23.9]):
            with self.subTest(hours=hours):
                decision = decide([(self.at(h), TEMPORARY) for h in hours])
                self.assertEqual(decision.status, TEMPORARY)
                self.assertFalse(decision.promoted)

    def test_two_failures_over_a_week_stay_temporary(self):
        decision = decide([(self.at(0), TEMPORARY), (self.at(24 * 7), TEMPORARY)])
        self.assertEqual(decision.status, TEMPORARY)

    def test_a_success_resets_the_streak(self):
        history = [
            (self.at(0), TEMPORARY),
            (self.at(12), OK),
            (self.at(24), TEMPORARY),
            (self.at(30), TEMPORARY),
        ]
        decision = decide(history)
        self.assertEqual((decision.status, decision.failures), (TEMPORARY, 2))

    def test_history_order_does_not_matter(self):
        history = [(self.at(24), TEMPORARY), (self.at(0), TEMPORARY), (self.at(5), TEMPORARY)]
        self.assertEqual(decide(history).status, BROKEN)

    def test_temporary_rechecks_back_off_then_wait_for_the_window(self):
        first = decide([(self.at(0), TEMPORARY)])
        self.assertEqual(first.next_check_at, self.at(1))
        # The next failure could be the third: no point checking before the window closes.
        second = decide([(self.at(0), TEMPORARY), (self.at(1), TEMPORARY)])
        self.assertEqual(second.next_check_at, self.at(24))

    @override_settings(
        SKINCARE_LINKCHECK_PROMOTE_AFTER_FAILURES=2, SKINCARE_LINKCHECK_PROMOTE_WINDOW_HOURS=1
    )
    def test_thresholds_are_settings(self):
        decision = decide([(self.at(0), TEMPORARY), (self.at(1), TEMPORARY)])
        self.assertEqual(decision.status, BROKEN)

    def test_next_check_per_status(self):
        cases = {OK: 24 * 7, REDIRECTED: 24 * 7, BROKEN: 72, UNVERIFIABLE: 72, REFUSED: 24 * 30}
        for status, hours in cases.items():
            with self.subTest(status=status):
                self.assertEqual(decide([(self.at(0), status)]).next_check_at, self.at(hours))

    def test_empty_history_is_an_error(self):
        with self.assertRaises(ValueError):
            decide([])
