"""The SSRF guard: addresses, numeric host forms, URLs and the checking resolver."""

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
