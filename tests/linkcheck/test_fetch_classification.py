"""The fetcher against loopback servers: each kind of answer ends in the right status."""

import socket

from django.test import override_settings

from linkcheck.checker.safety import StaticResolver
from linkcheck.fetch import check_url, check_urls_sync
from tests.linkcheck.loopback import (
    BROKEN,
    FAST,
    OK,
    REDIRECTED,
    REFUSED,
    TEMPORARY,
    UNVERIFIABLE,
    ServerTestCase,
)


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
                # Read to the end, the stream would run into the total timeout instead.
                self.assertNotEqual(result.status, TEMPORARY, result.reason)
                self.assertNotIn("timed out", result.reason)
                self.assertEqual(self.server.hits[f"GET {path}"], 1)

    def test_slow_response_times_out_as_temporary(self):
        result = self.check("/slow")
        self.assertEqual(result.status, TEMPORARY)
        self.assertIn("timed out", result.reason)
        self.assertFalse(result.cacheable_as_final)
        # The first try and one retry, each given up by the client: a timed-out HEAD is not
        # followed by a GET, since the host itself is not answering.
        self.assertEqual(self.server.hits["HEAD /slow"], 2)
        self.assertEqual(self.server.hits["GET /slow"], 0)

    def test_user_agent_names_the_checker_and_a_contact_url(self):
        self.check("/ok")
        self.assertEqual(
            self.server.user_agents,
            ["SkincareLinkChecker/1.0 (+https://skincare.example/about/link-checker)"],
        )

    def test_unknown_host_is_temporary_until_confirmed(self):
        resolver = StaticResolver({})
        result = check_url(f"http://no-such-host.test:{self.server.port}/", resolver=resolver)
        self.assertEqual(result.status, TEMPORARY)
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


@override_settings(SKINCARE_LINKCHECK_CLIENT="aiohttp")
class TestFetchClassificationAiohttp(TestFetchClassification):
    """The same checks through the aiohttp client, the one SKINCARE_LINKCHECK_CLIENT offers."""
