from django.core.exceptions import DisallowedHost
from django.test import RequestFactory, SimpleTestCase, override_settings

from blog.request_keys import request_host, request_key


class RequestHostTests(SimpleTestCase):
    """The memoised host must answer exactly as HttpRequest.get_host() would."""

    factory = RequestFactory()

    @override_settings(ALLOWED_HOSTS=["a.example", "b.example"])
    def test_each_host_gets_its_own_key(self):
        first = self.factory.get("/blog/", HTTP_HOST="a.example")
        second = self.factory.get("/blog/", HTTP_HOST="b.example")
        self.assertEqual(request_host(first), "a.example")
        self.assertEqual(request_host(second), "b.example")
        self.assertNotEqual(request_key("p:", first), request_key("p:", second))
        self.assertEqual(
            request_key("p:", first),
            request_key("p:", self.factory.get("/blog/", HTTP_HOST="a.example")),
        )

    @override_settings(ALLOWED_HOSTS=["a.example"])
    def test_a_refused_host_is_refused_every_time(self):
        for _ in range(2):
            with self.assertRaises(DisallowedHost):
                request_host(self.factory.get("/", HTTP_HOST="evil.example"))

    def test_forwarded_host_counts_only_when_the_setting_trusts_it(self):
        # Two sites behind one proxy: the same Host, different X-Forwarded-Host.
        one = {"HTTP_HOST": "proxy.example", "HTTP_X_FORWARDED_HOST": "one.example"}
        two = {"HTTP_HOST": "proxy.example", "HTTP_X_FORWARDED_HOST": "two.example"}
        hosts = ["proxy.example", "one.example", "two.example"]
        with override_settings(ALLOWED_HOSTS=hosts):
            self.assertEqual(request_host(self.factory.get("/", **one)), "proxy.example")
        with override_settings(ALLOWED_HOSTS=hosts, USE_X_FORWARDED_HOST=True):
            self.assertEqual(request_host(self.factory.get("/", **one)), "one.example")
            self.assertEqual(request_host(self.factory.get("/", **two)), "two.example")

    def test_a_host_allowed_before_a_settings_change_is_checked_again(self):
        request = self.factory.get("/", HTTP_HOST="gone.example")
        with override_settings(ALLOWED_HOSTS=["gone.example"]):
            self.assertEqual(request_host(request), "gone.example")
        with override_settings(ALLOWED_HOSTS=["other.example"]), self.assertRaises(DisallowedHost):
            request_host(self.factory.get("/", HTTP_HOST="gone.example"))

    @override_settings(ALLOWED_HOSTS=["*"])
    def test_made_up_hosts_do_not_grow_the_memo_without_bound(self):
        from blog import request_keys

        for number in range(request_keys._MAX_HOSTS * 3):
            request_host(self.factory.get("/", HTTP_HOST=f"h{number}.example"))
        self.assertLessEqual(len(request_keys._hosts), request_keys._MAX_HOSTS)

    def test_two_sites_on_one_name_and_different_ports_get_different_keys(self):
        # Wagtail finds the Site by host and port; a proxy passes the port it was reached on.
        one = {"HTTP_HOST": "blog.example", "HTTP_X_FORWARDED_PORT": "8001"}
        two = {"HTTP_HOST": "blog.example", "HTTP_X_FORWARDED_PORT": "8002"}
        with override_settings(ALLOWED_HOSTS=["blog.example"], USE_X_FORWARDED_PORT=True):
            keys = {request_key("p:", self.factory.get("/", **headers)) for headers in (one, two)}
        self.assertEqual(len(keys), 2)

    @override_settings(
        ALLOWED_HOSTS=["example.com"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
    )
    def test_a_request_without_a_host_header_is_named_as_get_host_names_it(self):
        environ = {"SERVER_NAME": "example.com", "SERVER_PORT": "443"}
        plain = self.factory.get("/", **environ)
        secure = self.factory.get("/", HTTP_X_FORWARDED_PROTO="https", **environ)
        for request in (plain, secure):
            request.META.pop("HTTP_HOST", None)
        self.assertEqual(request_host(plain), plain.get_host())  # example.com:443
        self.assertEqual(request_host(secure), secure.get_host())  # example.com
