"""The politeness key's fast path agrees with urlsplit, and memoised host judgements follow
their arguments (allowlist and port), so caching never lets a refused host through."""

from urllib.parse import urlsplit

from django.test import SimpleTestCase

from linkcheck.checker.addresses import Allowlist
from linkcheck.checker.politeness import _plain_host, host_key
from linkcheck.checker.safety import check_url_safety

FORMS = [
    "http://Example.COM/x",
    "https://a.b:8080?q",
    "http://h#f",
    "http://h",
    "HTTP://X.y./p",
    "http://:80/",
    "http://127.1/",
    "https://user@h/",
    "https://user:pw@Host.example:443/",
    "http://[::1]:80/",
    "http://[FE80::1%25eth0]/",
    "ftp://h/",
    "http:/h",
    "http://h\t/x",
    "http://a.com%2F@b/",
    "  http://padded.example/  ",
    "http://xn--bcher-kva.example/",
    "http://b\u00fccher.example/",
    "mailto:someone@example.com",
]


class TestHostKey(SimpleTestCase):
    def test_fast_path_agrees_with_urlsplit(self):
        for url in FORMS:
            with self.subTest(url=url):
                fast = _plain_host(url.strip())
                if fast is not None:
                    self.assertEqual(fast, urlsplit(url.strip()).hostname or "")

    def test_keys_of_every_form(self):
        self.assertEqual(host_key("http://127.1/"), "127.0.0.1")
        self.assertEqual(host_key("http://0x7f000001:81/a"), "127.0.0.1")
        self.assertEqual(host_key("HTTP://X.y./p"), "x.y")
        self.assertEqual(host_key("https://user@Host.example/"), "host.example")
        self.assertEqual(host_key("http://[::1]:80/"), "::1")
        self.assertEqual(host_key("http://h\t/x"), "h")
        self.assertEqual(host_key("mailto:someone@example.com"), "")


class TestMemoisedJudgement(SimpleTestCase):
    def test_same_host_judged_again_under_another_allowlist(self):
        url = "http://127.0.0.1:8000/x"
        open_list = Allowlist.parse(["127.0.0.0/8"])
        port_list = Allowlist.parse(["127.0.0.1:9000"])
        for _ in range(2):  # the second round answers from the memo
            self.assertTrue(check_url_safety(url, allowlist=open_list).allowed)
            self.assertFalse(check_url_safety(url, allowlist=Allowlist()).allowed)
            self.assertFalse(check_url_safety(url, allowlist=port_list).allowed)
            self.assertTrue(check_url_safety("http://127.0.0.1:9000/", allowlist=port_list).allowed)

    def test_refusals_keep_their_reason_and_form(self):
        for _ in range(2):
            verdict = check_url_safety("http://0x7f.1/", allowlist=Allowlist())
            self.assertFalse(verdict.allowed)
            self.assertEqual(verdict.address, "127.0.0.1")
            self.assertIn("loopback", verdict.reason)
            allowed = check_url_safety("http://0x7f.1/", allowlist=Allowlist.parse(["127.0.0.1"]))
            self.assertEqual(allowed.url, "http://127.0.0.1/")
            self.assertFalse(check_url_safety("http://localhost/", allowlist=Allowlist()).allowed)
