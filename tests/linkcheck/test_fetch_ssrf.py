"""The fetcher's SSRF guard end to end: no URL form, redirect or DNS answer reaches the sentinel."""

from django.test import override_settings

from linkcheck.checker.safety import StaticResolver
from linkcheck.fetch import check_url, check_urls_sync
from tests.linkcheck.loopback import FAST, OK, REFUSED, ServerTestCase


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


@override_settings(SKINCARE_LINKCHECK_CLIENT="aiohttp")
class TestFetchSsrfAiohttp(TestFetchSsrf):
    """The same checks through the aiohttp client, the one SKINCARE_LINKCHECK_CLIENT offers."""
