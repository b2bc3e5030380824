"""The SSRF guard's allowlist: where it comes from, entries with ports, and a redirect to another port."""

import asyncio

from django.test import SimpleTestCase, override_settings

from linkcheck import conf
from linkcheck.checker.safety import (
    AddressRefused,
    Allowlist,
    SafeResolver,
    StaticResolver,
    check_address,
    check_url_safety,
)
from linkcheck.fetch import check_urls_sync
from tests.linkcheck.httpserver import LinkServer
from tests.linkcheck.loopback import FAST, OK, REFUSED, ServerTestCase


class TestAllowlistSetting(SimpleTestCase):
    """The allowlist setting, as a list or (as the environment gives it) a comma-separated
    string; config.settings turns the environment variable into it (tests/config)."""

    @override_settings(SKINCARE_LINKCHECK_ALLOWLIST="127.0.0.0/8, ci.test ,")
    def test_comma_separated_entries(self):
        self.assertEqual(conf.load().allowlist, ("127.0.0.0/8", "ci.test"))
        self.assertTrue(
            check_url_safety("http://127.0.0.5/", allowlist=conf.load().allowlist).allowed
        )

    @override_settings(SKINCARE_LINKCHECK_ALLOWLIST=["10.0.0.0/8"])
    def test_only_the_listed_networks(self):
        self.assertEqual(conf.load().allowlist, ("10.0.0.0/8",))
        self.assertFalse(
            check_url_safety("http://127.0.0.5/", allowlist=conf.load().allowlist).allowed
        )

    @override_settings(SKINCARE_LINKCHECK_ALLOWLIST=[])
    def test_an_empty_setting_allows_nothing(self):
        self.assertEqual(conf.load().allowlist, ())


class TestAllowlistPorts(SimpleTestCase):
    """Allowlist entries may name a port; an entry without one allows every port."""

    def test_entries_parse_with_and_without_ports(self):
        cases = {
            "ci.test": ("ci.test", None, None),
            "CI.test.:8080": ("ci.test", None, 8080),
            "10.0.0.0/8": (None, "10.0.0.0/8", None),
            "127.0.0.1/32": (None, "127.0.0.1/32", None),
            "127.0.0.1:8080": (None, "127.0.0.1/32", 8080),
            "10.0.0.0/8:443": (None, "10.0.0.0/8", 443),
            "::1": (None, "::1/128", None),
            "[::1]": (None, "::1/128", None),
            "[::1]:8080": (None, "::1/128", 8080),
            "[fd00::/8]:80": (None, "fd00::/8", 80),
        }
        for text, (host, network, port) in cases.items():
            with self.subTest(entry=text):
                (entry,) = Allowlist.parse([text]).entries
                self.assertEqual(entry.host, host)
                self.assertEqual(str(entry.network) if entry.network else None, network)
                self.assertEqual(entry.port, port)

    def test_malformed_ports_are_errors_that_name_the_entry(self):
        for text in ("ci.test:http", "127.0.0.1:0", "127.0.0.1:65536", "[::1]:", "[::1"):
            with self.subTest(entry=text), self.assertRaises(ValueError) as caught:
                Allowlist.parse([text])
            self.assertIn(repr(text), str(caught.exception))

    def test_an_entry_with_a_port_allows_only_that_port(self):
        allowlist = Allowlist.parse(["127.0.0.1:8080", "[::1]:8080", "ci.test:8443"])
        allowed = ["http://127.0.0.1:8080/", "http://[::1]:8080/x", "https://ci.test:8443/"]
        refused = [
            "http://127.0.0.1:8081/",
            "http://127.0.0.1/",  # port 80
            "http://2130706433:9000/",
            "http://[::1]:8081/",
            "http://[::ffff:127.0.0.1]:9000/",
            "https://ci.test/",  # port 443, and the name still resolves through the guard
        ]
        for url in allowed:
            with self.subTest(url=url):
                self.assertTrue(check_url_safety(url, allowlist=allowlist).allowed)
        for url in refused[:-1]:
            with self.subTest(url=url):
                self.assertFalse(check_url_safety(url, allowlist=allowlist).allowed)
        self.assertFalse(allowlist.allows_host("ci.test", 443))

    def test_default_ports_count(self):
        allowlist = Allowlist.parse(["127.0.0.1:80", "10.0.0.1:443"])
        self.assertTrue(check_url_safety("http://127.0.0.1/", allowlist=allowlist).allowed)
        self.assertTrue(check_url_safety("https://10.0.0.1/", allowlist=allowlist).allowed)
        self.assertFalse(check_url_safety("https://127.0.0.1/", allowlist=allowlist).allowed)

    def test_an_entry_without_a_port_allows_every_port(self):
        # scripts/ci_worker_check.sh relies on this: SKINCARE_LINKCHECK_ALLOWLIST=127.0.0.1/32.
        allowlist = Allowlist.parse(["127.0.0.1/32"])
        for port in (80, 8000, 65535):
            with self.subTest(port=port):
                self.assertTrue(
                    check_url_safety(f"http://127.0.0.1:{port}/", allowlist=allowlist).allowed
                )

    def test_address_checks_without_a_port_ignore_port_entries(self):
        self.assertIn("loopback", check_address("127.0.0.1", allowlist=["127.0.0.1:8080"]))
        self.assertIsNone(check_address("127.0.0.1", allowlist=["127.0.0.1:8080"], port=8080))

    def test_resolver_checks_the_port_it_connects_to(self):
        inner = StaticResolver({"app.test": "127.0.0.1"})
        resolver = SafeResolver(inner, allowlist=["127.0.0.1:8080"])
        answers = asyncio.run(resolver.resolve("app.test", 8080, family=0))
        self.assertEqual(answers[0]["host"], "127.0.0.1")
        with self.assertRaises(AddressRefused):
            asyncio.run(resolver.resolve("app.test", 8081, family=0))
        by_name = SafeResolver(inner, allowlist=["app.test:8080"])
        self.assertTrue(asyncio.run(by_name.resolve("app.test", 8080, family=0)))
        with self.assertRaises(AddressRefused):
            asyncio.run(by_name.resolve("app.test", 9000, family=0))

    @override_settings(SKINCARE_LINKCHECK_ALLOWLIST="127.0.0.1:8080,[::1]:8080")
    def test_comma_separated_entries_may_carry_ports(self):
        self.assertEqual(conf.load().allowlist, ("127.0.0.1:8080", "[::1]:8080"))
        self.assertTrue(
            check_url_safety("http://127.0.0.1:8080/", allowlist=conf.load().allowlist).allowed
        )
        self.assertFalse(
            check_url_safety("http://127.0.0.1:8081/", allowlist=conf.load().allowlist).allowed
        )


@override_settings(**FAST)
class TestAllowlistPortsEndToEnd(ServerTestCase):
    """A redirect from an allowlisted server cannot reach another port on the same address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = LinkServer("127.0.0.1").start()  # same address, another port
        cls.addClassCleanup(cls.other.stop)

    def setUp(self):
        super().setUp()
        self.other.reset()

    def test_redirect_to_another_port_is_refused(self):
        target = self.other.url("/ok")
        with override_settings(SKINCARE_LINKCHECK_ALLOWLIST=[f"127.0.0.1:{self.server.port}"]):
            direct = self.check("/ok")
            result = self.check(f"/redirect?to={target}")
        self.assertEqual(direct.status, OK, direct.reason)
        self.assertEqual(result.status, REFUSED)
        self.assertIn(f"redirect to {target} refused: loopback", result.reason)
        self.assertEqual(self.other.total_hits, 0)

    def test_a_name_resolving_to_the_server_is_checked_with_its_port(self):
        resolver = StaticResolver({"app.test": "127.0.0.1"})
        ok_url = f"http://app.test:{self.server.port}/ok"
        other_url = f"http://app.test:{self.other.port}/ok"
        with override_settings(SKINCARE_LINKCHECK_ALLOWLIST=[f"127.0.0.1:{self.server.port}"]):
            ok, refused = check_urls_sync([ok_url, other_url], resolver=resolver)
        self.assertEqual(ok.status, OK, ok.reason)
        self.assertEqual(refused.status, REFUSED, refused.reason)
        self.assertEqual(self.other.total_hits, 0)
