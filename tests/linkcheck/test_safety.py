"""The SSRF guard: addresses, numeric host forms, URLs, the checking resolver and its settings."""

import asyncio
import ipaddress

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from linkcheck import conf
from linkcheck.checker.safety import (
    AddressRefused,
    Allowlist,
    SafeResolver,
    StaticResolver,
    check_address,
    check_url_safety,
    parse_ipv4_host,
)
from linkcheck.fetch import check_urls_sync
from tests.linkcheck.httpserver import LinkServer
from tests.linkcheck.loopback import FAST, OK, REFUSED, ServerTestCase

FORBIDDEN = [
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("172.31.255.255", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.255", "carrier-grade NAT"),
    ("0.0.0.0", "unspecified"),  # noqa: S104 (an address under test, not a bind)
    ("0.1.2.3", "this network"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("192.0.0.8", "IETF"),
    ("192.0.2.10", "documentation"),
    ("198.18.0.1", "benchmarking"),
    ("198.19.255.255", "benchmarking"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("::", "unspecified"),
    ("::1", "loopback"),
    ("fc00::1", "unique local"),
    ("fd12:3456::1", "unique local"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("fec0::1", "site-local"),
    ("ff02::1", "multicast"),
    ("2001:db8::1", "documentation"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
    ("100::1", "discard"),
    ("64:ff9b:1::a00:1", "local-use NAT64"),
    ("::ffff:127.0.0.1", "IPv4-mapped IPv6 form of 127.0.0.1, a loopback"),
    ("::ffff:169.254.169.254", "IPv4-mapped IPv6 form of 169.254.169.254, a link-local"),
    ("::ffff:0:10.0.0.1", "IPv4-translated IPv6 form of 10.0.0.1"),
    ("::127.0.0.1", "IPv4-compatible IPv6 form of 127.0.0.1"),
    ("::10.0.0.1", "IPv4-compatible IPv6 form of 10.0.0.1"),
    ("64:ff9b::7f00:1", "NAT64 form of 127.0.0.1"),
    ("64:ff9b::a9fe:a9fe", "NAT64 form of 169.254.169.254"),
    ("2002:7f00:1::", "6to4 form of 127.0.0.1"),
    ("2002:c0a8:101::1", "6to4 form of 192.168.1.1"),
    ("4000::1", "outside 2000::/3"),
]

PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "100.63.255.255",  # just below CGNAT
    "100.128.0.0",  # just above CGNAT
    "172.15.255.255",
    "172.32.0.0",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
]


class TestCheckAddress(SimpleTestCase):
    """check_address() refuses everything the public internet could not reach."""

    def test_forbidden_addresses_are_refused_with_a_reason(self):
        for ip, reason in FORBIDDEN:
            with self.subTest(ip=ip):
                verdict = check_address(ip, allowlist=())
                self.assertIsNotNone(verdict)
                self.assertIn(reason, verdict)

    def test_public_addresses_pass(self):
        for ip in PUBLIC:
            with self.subTest(ip=ip):
                self.assertIsNone(check_address(ip, allowlist=()))

    def test_address_objects_are_accepted(self):
        self.assertIn("loopback", check_address(ipaddress.ip_address("127.0.0.1"), allowlist=()))

    def test_garbage_is_not_an_address(self):
        self.assertIn("not an IP address", check_address("example.com", allowlist=()))

    def test_allowlisted_network_passes_and_its_neighbours_do_not(self):
        allowlist = ["127.0.0.0/8", "::1"]
        self.assertIsNone(check_address("127.0.0.9", allowlist=allowlist))
        self.assertIsNone(check_address("::1", allowlist=allowlist))
        self.assertIsNone(check_address("::ffff:127.0.0.9", allowlist=allowlist))
        self.assertIn("private", check_address("10.0.0.1", allowlist=allowlist))

    @override_settings(SKINCARE_LINKCHECK_ALLOWLIST=["10.0.0.0/8"])
    def test_allowlist_comes_from_the_setting_through_conf(self):
        # The pure guard has no allowlist of its own; Django callers pass conf.load()'s.
        allowlist = conf.load().allowlist
        self.assertIsNone(check_address("10.2.3.4", allowlist=allowlist))
        self.assertIn("loopback", check_address("127.0.0.1", allowlist=allowlist))
        self.assertIn("private", check_address("10.2.3.4"))


class TestParseIpv4Host(SimpleTestCase):
    """Numeric hosts are read the way inet_aton and browsers read them."""

    def test_legacy_numeric_forms_normalise(self):
        cases = {
            "2130706433": "127.0.0.1",
            "0x7f000001": "127.0.0.1",
            "0X7F000001": "127.0.0.1",
            "017700000001": "127.0.0.1",
            "0177.0.0.1": "127.0.0.1",
            "0x7f.0.0.1": "127.0.0.1",
            "127.1": "127.0.0.1",
            "127.0.1": "127.0.0.1",
            "0x7f.1": "127.0.0.1",
            "127.0.0.1.": "127.0.0.1",
            "0": "0.0.0.0",  # noqa: S104 (an address under test, not a bind)
            "0x": "0.0.0.0",  # noqa: S104 (an address under test, not a bind)
            "3232235777": "192.168.1.1",
            "134744072": "8.8.8.8",
        }
        for host, expected in cases.items():
            with self.subTest(host=host):
                self.assertEqual(str(parse_ipv4_host(host)), expected)

    def test_names_are_not_numeric(self):
        for host in ("example.com", "127.0.0.1.example.com", "1e100.net", "0x7f.example"):
            with self.subTest(host=host):
                self.assertIsNone(parse_ipv4_host(host))

    def test_out_of_range_numeric_hosts_are_errors(self):
        for host in ("256.0.0.1", "1.2.3.4.5", "4294967296", "1.2.65536", "09.0.0.1", "1.2.3.08"):
            with self.subTest(host=host), self.assertRaises(ValueError):
                parse_ipv4_host(host)


class TestCheckUrlSafety(SimpleTestCase):
    """check_url_safety() judges scheme and host without any DNS lookup."""

    def test_refused_urls(self):
        cases = [
            ("ftp://example.com/file", "scheme 'ftp'"),
            ("file:///etc/passwd", "scheme 'file'"),
            ("javascript:alert(1)", "scheme 'javascript'"),
            ("gopher://example.com/", "scheme 'gopher'"),
            ("http:///nohost", "no host"),
            ("http://127.0.0.1/", "loopback"),
            ("http://127.0.0.1.:8000/", "loopback"),
            ("http://2130706433/", "loopback"),
            ("http://0x7f000001/", "loopback"),
            ("http://0177.0.0.1/", "loopback"),
            ("http://127.1/", "loopback"),
            ("http://127.0.1/", "loopback"),
            ("http://017700000001/", "loopback"),
            ("http://0/", "unspecified"),
            ("http://10.0.0.1/admin", "private"),
            ("http://3232235777/", "private"),
            ("http://169.254.169.254/latest/meta-data/", "link-local"),
            ("http://0xa9fea9fe/", "link-local"),
            ("http://[::1]/", "loopback"),
            ("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
            ("http://[::ffff:7f00:1]:8080/", "IPv4-mapped"),
            ("http://[::ffff:a9fe:a9fe]/", "link-local"),
            ("http://[64:ff9b::7f00:1]/", "NAT64"),
            ("http://[2002:7f00:1::1]/", "6to4"),
            ("http://[fe80::1%25eth0]/", "link-local"),
            ("http://[fd00::1]/", "unique local"),
            ("http://localhost/", "loopback host name"),
            ("http://LOCALHOST./", "loopback host name"),
            ("http://app.localhost/", "loopback host name"),
            ("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata"),
            ("http://Metadata.Google.Internal./", "cloud metadata"),
            ("http://instance-data.ec2.internal/latest/", "cloud metadata"),
            ("http://[fd00:ec2::254]/latest/meta-data/", "unique local"),
            ("http://256.1.1.1/", "over 255"),
            ("http://%31%32%37.0.0.1/", "malformed"),
            ("http://exa mple.com/", "malformed host"),
            ("http://evil.com\\@127.0.0.1/", "invalid URL"),
        ]
        for url, reason in cases:
            with self.subTest(url=url):
                verdict = check_url_safety(url, allowlist=())
                self.assertFalse(verdict.allowed)
                self.assertIn(reason, verdict.reason)

    def test_public_urls_pass(self):
        for url in (
            "https://www.aad.org/public/everyday-care",
            "http://pubmed.ncbi.nlm.nih.gov/12345/",
            "https://bücher.example/",
            "http://8.8.8.8/",
            "http://[2606:4700:4700::1111]/",
            "HTTPS://Example.COM./path?q=1#frag",
        ):
            with self.subTest(url=url):
                self.assertTrue(check_url_safety(url, allowlist=()).allowed)

    def test_numeric_public_host_is_fetched_in_canonical_form(self):
        verdict = check_url_safety("http://134744072:8080/x?y=1", allowlist=())
        self.assertTrue(verdict.allowed)
        self.assertEqual(verdict.url, "http://8.8.8.8:8080/x?y=1")
        self.assertEqual(verdict.address, "8.8.8.8")

    def test_allowlist_accepts_networks_and_host_names(self):
        allowlist = Allowlist.parse(["127.0.0.0/8", "intranet.example", "[::1]"])
        for url in (
            "http://127.0.0.1:8000/",
            "http://127.1/",
            "http://[::1]/",
            "http://Intranet.Example./",
        ):
            with self.subTest(url=url):
                self.assertTrue(check_url_safety(url, allowlist=allowlist).allowed)
        self.assertFalse(check_url_safety("http://10.0.0.1/", allowlist=allowlist).allowed)

    @override_settings(SKINCARE_LINKCHECK_ALLOWLIST=["127.0.0.0/8"])
    def test_allowlist_comes_from_the_setting(self):
        self.assertTrue(
            check_url_safety("http://127.0.0.1:1234/", allowlist=conf.load().allowlist).allowed
        )
        self.assertFalse(
            check_url_safety("http://192.168.0.1/", allowlist=conf.load().allowlist).allowed
        )

    def test_allowlist_is_empty_by_default(self):
        with self.settings():
            if hasattr(settings, "SKINCARE_LINKCHECK_ALLOWLIST"):
                del settings.SKINCARE_LINKCHECK_ALLOWLIST
            self.assertEqual(conf.load().allowlist, ())
            self.assertFalse(
                check_url_safety("http://127.0.0.1/", allowlist=conf.load().allowlist).allowed
            )


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


class TestSafeResolver(SimpleTestCase):
    """Names are resolved once and every answer is checked before the connector sees it."""

    def resolve(self, resolver, host):
        return asyncio.run(resolver.resolve(host, 443, family=0))

    def test_public_answers_are_returned_as_resolved(self):
        inner = StaticResolver({"shop.test": ["93.184.216.34", "2606:2800:220:1::1"]})
        answers = self.resolve(SafeResolver(inner, allowlist=()), "shop.test")
        self.assertEqual([a["host"] for a in answers], ["93.184.216.34", "2606:2800:220:1::1"])
        self.assertEqual({a["port"] for a in answers}, {443})

    def test_one_forbidden_answer_refuses_the_name(self):
        cases = {
            "rebind.test": ["127.0.0.1"],
            "mixed.test": ["93.184.216.34", "10.0.0.5"],
            "metadata.test": ["169.254.169.254"],
            "mapped.test": ["::ffff:127.0.0.1"],
            "v6local.test": ["2606:2800:220:1::1", "fd00::5"],
        }
        resolver = SafeResolver(StaticResolver(cases), allowlist=())
        for name in cases:
            with self.subTest(name=name), self.assertRaises(AddressRefused) as caught:
                self.resolve(resolver, name)
            self.assertEqual(caught.exception.host, name)

    def test_allowlisted_network_answers_pass(self):
        inner = StaticResolver({"bench.test": ["127.0.0.7"]})
        answers = self.resolve(SafeResolver(inner, allowlist=["127.0.0.0/8"]), "bench.test")
        self.assertEqual(answers[0]["host"], "127.0.0.7")

    def test_unknown_names_fail_like_nxdomain(self):
        resolver = SafeResolver(StaticResolver({}), allowlist=())
        with self.assertRaises(OSError) as caught:
            self.resolve(resolver, "nowhere.test")
        self.assertNotIsInstance(caught.exception, AddressRefused)


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
