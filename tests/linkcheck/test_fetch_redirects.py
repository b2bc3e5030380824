"""The fetcher against loopback servers: redirect chains, loops, limits and suggested URLs."""

from django.test import override_settings

from tests.linkcheck.loopback import BROKEN, FAST, OK, REDIRECTED, ServerTestCase


@override_settings(**FAST)
class TestFetchRedirects(ServerTestCase):
    """Redirect chains are followed hop by hop, and permanent ones suggest the URL to update to."""

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


@override_settings(SKINCARE_LINKCHECK_CLIENT="aiohttp")
class TestFetchRedirectsAiohttp(TestFetchRedirects):
    """The same checks through the aiohttp client, the one SKINCARE_LINKCHECK_CLIENT offers."""
