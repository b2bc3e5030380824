"""The checker's own HTTP/1.1 client (checker/client.py, http1.py) against scripted servers.

Each server here answers with exact bytes (tests/linkcheck/rawserver.py), so the odd answers
real sites give (chunked error pages, interim 1xx, resets, bodies cut short or trickling,
garbage) are each met once, directly and through a whole check.
"""

import asyncio
import ssl

from django.test import SimpleTestCase, override_settings
from yarl import URL

from linkcheck import conf
from linkcheck.checker import http1, loops
from linkcheck.checker.addresses import Allowlist
from linkcheck.checker.client import Http1Client
from linkcheck.checker.politeness import HostGate
from linkcheck.checker.redirects import UrlChecker
from linkcheck.checker.resolvers import AddressRefused, SafeResolver, StaticResolver
from linkcheck.checker.transport import open_client
from linkcheck.fetch import check_url
from tests.linkcheck.loopback import BROKEN, FAST, OK, TEMPORARY, UNVERIFIABLE, LoopbackOnly
from tests.linkcheck.rawserver import RESET, RawServer, answer, cert, raw

ROUTES = {
    "/ok": answer("200 OK", b"<p>fine</p>"),
    "/head-length": answer("200 OK", b"x" * 500),
    "/chunked-404": raw(
        b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
        keep=True,
    ),
    "/close-404": raw(b"HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\nall of it"),
    "/continue": raw(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", keep=True),
    "/huge-404": raw(b"HTTP/1.1 404 Not Found\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100000),
    "/big-200": answer("200 OK", b"x" * 5000),
    "/stale": answer("200 OK", b"ok", keep=False),  # says keep-alive, then closes anyway
    "/http10": raw(b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", keep=True),
    "/garbage": raw(b"SPDY/9 what is this\r\n\r\n"),
    "/reset": raw(RESET),
    "/silent-close": raw(),
    "/trickle": raw(b"HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n\r\nab", 0.8, b"cdefghij"),
    "/cut": raw(b"HTTP/1.1 500 Oops\r\nContent-Length: 100\r\n\r\nonly this"),
    "/huge-head": raw(b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * 70000 + b"\r\n\r\n"),
    "/switch": raw(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", keep=True),
}


def make_client(resolver=None, **overrides) -> Http1Client:
    options = {
        "headers": b"User-Agent: test\r\n\r\n",
        # No test here waits for a connect to time out; a TLS handshake (part of the connect)
        # took over 0.5 s once in CI, with the two suites running side by side.
        "connect_timeout": 5.0,
        "read_timeout": 0.3,
        "total_timeout": 2.0,
        "max_bytes": 1024,
        "keepalive": 4.0,
    }
    options.update(overrides)
    return Http1Client(SafeResolver(resolver, allowlist=["127.0.0.1/32"]), **options)


def send_all(client: Http1Client, *requests: tuple[str, str]) -> list:
    """Each (method, url) in turn on one loop: a Reply, or the exception it raised."""

    async def go():
        out = []
        for method, url in requests:
            try:
                out.append(await client.send(method, URL(url, encoded=True)))
            except Exception as exc:
                out.append(exc)
        await client.close()
        return out

    return loops.run(go())


class RawServerTestCase(SimpleTestCase):
    tls = False

    def setUp(self):
        self.server = RawServer(ROUTES, tls=self.tls)
        self.addCleanup(self.server.close)

    def url(self, path):
        return self.server.url(path, "https" if self.tls else "http")


class TestHttp1Client(RawServerTestCase):
    """What the client reads, what it keeps open, and what it raises."""

    def test_keep_alive_reuses_one_connection(self):
        replies = send_all(make_client(), *[("HEAD", self.url("/ok"))] * 3)
        self.assertEqual([reply.status for reply in replies], [200, 200, 200])
        self.assertEqual(self.server.connections, 1)

    def test_head_with_content_length_reads_no_body(self):
        first, second = send_all(
            make_client(), ("HEAD", self.url("/head-length")), ("HEAD", self.url("/ok"))
        )
        self.assertEqual(
            (first.status, first.body, first.headers["content-length"]), (200, b"", "500")
        )
        self.assertEqual(second.status, 200)
        self.assertEqual(self.server.connections, 1)

    def test_chunked_error_page_is_read_whole_and_the_connection_kept(self):
        page, after = send_all(
            make_client(), ("GET", self.url("/chunked-404")), ("GET", self.url("/ok"))
        )
        self.assertEqual((page.status, page.body), (404, b"hello world"))
        self.assertEqual((after.status, after.body), (200, b"<p>fine</p>"))
        self.assertEqual(self.server.connections, 1)

    def test_close_delimited_body_ends_at_close(self):
        (page,) = send_all(make_client(), ("GET", self.url("/close-404")))
        self.assertEqual((page.status, page.body), (404, b"all of it"))

    def test_interim_1xx_answer_is_skipped(self):
        (reply,) = send_all(make_client(), ("GET", self.url("/continue")))
        self.assertEqual(reply.status, 204)

    def test_error_page_is_read_only_up_to_the_cap(self):
        page, after = send_all(
            make_client(), ("GET", self.url("/huge-404")), ("GET", self.url("/ok"))
        )
        self.assertEqual((page.status, len(page.body)), (404, 1024))
        self.assertEqual(after.status, 200)
        self.assertEqual(self.server.connections, 2, "the rest of the body was not drained")

    def test_large_working_page_is_not_downloaded(self):
        (reply,) = send_all(make_client(), ("GET", self.url("/big-200")))
        self.assertEqual((reply.status, reply.body), (200, b""))

    def test_connection_the_server_closed_while_idle_is_replaced(self):
        replies = send_all(make_client(), *[("GET", self.url("/stale"))] * 3)
        self.assertEqual([reply.status for reply in replies], [200, 200, 200])
        self.assertEqual(self.server.connections, 3)

    def test_connection_is_not_reused_when_the_answer_does_not_allow_it(self):
        cases = [
            ("HTTP/1.0 without keep-alive", make_client(), "/http10"),
            ("idle past the keep-alive time", make_client(keepalive=0.0), "/ok"),
        ]
        for label, client, path in cases:
            with self.subTest(label):
                server = RawServer(ROUTES)
                self.addCleanup(server.close)
                replies = send_all(client, *[("GET", server.url(path))] * 2)
                self.assertEqual([reply.status for reply in replies], [200, 200])
                self.assertEqual(server.connections, 2)

    def test_broken_answers_raise_typed_errors(self):
        cases = [
            ("/garbage", http1.BadResponse),
            ("/huge-head", http1.BadResponse),
            ("/switch", http1.BadResponse),
            ("/reset", http1.Disconnected),
            ("/silent-close", http1.Disconnected),
            ("/trickle", http1.ReadTimeout),
            ("/cut", http1.BodyCut),
        ]
        for path, error in cases:
            with self.subTest(path=path):
                (outcome,) = send_all(make_client(), ("GET", self.url(path)))
                self.assertTrue(isinstance(outcome, error), f"got {type(outcome).__name__}")

    def test_name_resolving_to_a_forbidden_address_is_never_connected(self):
        client = make_client(StaticResolver({"inside.test": "127.0.0.2"}))
        (outcome,) = send_all(client, ("HEAD", f"http://inside.test:{self.server.port}/ok"))
        self.assertIsInstance(outcome, http1.ConnectError)
        self.assertIsInstance(outcome.os_error, AddressRefused)
        self.assertEqual(self.server.connections, 0)

    def test_name_connects_to_the_address_the_resolver_checked(self):
        client = make_client(StaticResolver({"site.test": "127.0.0.1"}))
        (reply,) = send_all(client, ("HEAD", f"http://site.test:{self.server.port}/ok"))
        self.assertEqual(reply.status, 200)
        self.assertEqual(self.server.requests, ["HEAD /ok"])


class TestHttp1ClientTls(RawServerTestCase):
    """HTTPS: verified against the trust store given, kept alive like plain HTTP."""

    tls = True

    def test_trusted_certificate_is_served_over_one_connection(self):
        trusting = ssl.create_default_context(cafile=str(cert()))
        replies = send_all(make_client(ssl_context=trusting), *[("HEAD", self.url("/ok"))] * 2)
        self.assertEqual([reply.status for reply in replies], [200, 200])
        self.assertEqual(self.server.connections, 1)

    def test_a_host_name_with_a_trailing_dot_matches_its_certificate(self):
        # "localhost." is the fully qualified spelling of "localhost": certificates name hosts
        # without the dot, so the handshake must be made for the name without it.
        trusting = ssl.create_default_context(cafile=str(cert()))
        url = f"https://localhost.:{self.server.port}/ok"
        client = make_client(StaticResolver({"localhost.": "127.0.0.1"}), ssl_context=trusting)
        (reply,) = send_all(client, ("HEAD", url))
        self.assertEqual(getattr(reply, "status", reply), 200)

    def test_unknown_certificate_is_rejected(self):
        (outcome,) = send_all(make_client(), ("HEAD", self.url("/ok")))
        self.assertIsInstance(outcome, ssl.SSLCertVerificationError)


@override_settings(**FAST)
class TestHttp1ClientInAWholeCheck(RawServerTestCase):
    """Through check_url (HEAD, GET fallback, retries): the status an editor sees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guard = LoopbackOnly.for_class(cls)

    def test_broken_answers_are_classified(self):
        cases = [
            ("/chunked-404", BROKEN, "HTTP 404"),
            ("/continue", OK, "HTTP 204"),
            ("/garbage", UNVERIFIABLE, "malformed HTTP response"),
            ("/reset", TEMPORARY, "server closed the connection without answering"),
            ("/trickle", TEMPORARY, "timed out reading the response"),
            ("/cut", TEMPORARY, "response body broken off"),
        ]
        for path, status, reason in cases:
            with self.subTest(path=path):
                result = check_url(self.url(path))
                self.assertEqual(result.status, status)
                self.assertIn(reason, result.reason)
        self.assertEqual(self.guard.outside, [])


@override_settings(**FAST)
class TestHttp1ClientTlsInAWholeCheck(RawServerTestCase):
    """A site whose certificate no trust store vouches for is a broken link for readers too."""

    tls = True

    def test_self_signed_certificate_is_a_broken_link(self):
        result = check_url(self.url("/ok"))
        self.assertEqual(result.status, BROKEN)
        self.assertIn("TLS certificate rejected", result.reason)
        self.assertEqual(self.server.requests, [], "nothing was sent before the handshake")


@override_settings(
    **{
        **FAST,
        "SKINCARE_LINKCHECK_READ_TIMEOUT": 5.0,
        "SKINCARE_LINKCHECK_TOTAL_TIMEOUT": 5.0,
        "SKINCARE_LINKCHECK_DEADLINE": 0.3,
    }
)
class TestCheckDeadline(RawServerTestCase):
    """DEADLINE bounds a whole check, and only its own expiry is turned into a result."""

    def test_check_past_its_deadline_is_temporary(self):
        result = check_url(self.url("/trickle"))
        self.assertEqual(result.status, TEMPORARY)
        self.assertEqual(result.reason, "check took longer than 0.3 s")

    def test_cancelling_a_check_from_outside_still_cancels_it(self):
        settings = conf.load()
        allowlist = Allowlist.parse(settings.allowlist)
        gate = HostGate(2, 0.0)

        async def go():
            async with open_client(settings, allowlist, None) as client:
                checker = UrlChecker(client, settings, allowlist, gate)
                task = asyncio.create_task(checker.check(self.url("/trickle")))
                await asyncio.sleep(0.1)
                task.cancel()
                with self.assertRaises(asyncio.CancelledError):
                    await task

        loops.run(go())
