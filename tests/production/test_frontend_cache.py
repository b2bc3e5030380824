"""Publishing purges the CDN (a loopback server plays the Varnish PURGE endpoint); responses
carry surrogate keys; errors are not kept by shared caches for minutes."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.cache import cache
from django.test import TestCase, override_settings

from tests.factories import make_article, make_author, make_site

HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


class PurgeServer:
    """A Varnish stand-in on 127.0.0.1: records each PURGE as http://<Host><path>."""

    def __enter__(self) -> PurgeServer:
        self.purged: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                server.purged.append(f"http://{self.headers['Host']}{self.path}")
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    @property
    def settings(self) -> dict:
        host, port = self.httpd.server_address[:2]
        return {"varnish": {"BACKEND": HTTP_BACKEND, "LOCATION": f"http://{host}:{port}"}}


class TestPurgeOnPublish(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.author = make_author("lena", name="Lena Hart")

    def publish(self, slug: str):
        # The test settings run tasks inline, so the purge task has run when this returns.
        return make_article(self.index, slug, authors=[self.author], tags=["dermarollers"])

    def test_publishing_purges_the_post_and_every_page_that_lists_it(self):
        with PurgeServer() as server, override_settings(WAGTAILFRONTENDCACHE=server.settings):
            page = self.publish("roller-care")
        purged = set(server.purged)
        site, api = "http://localhost", "http://localhost/api/v1"
        expected = {
            f"{site}/blog/roller-care/",  # the post itself (Wagtail's own handler)
            f"{site}/",
            f"{site}/blog/",
            f"{site}/blog/?tag=dermarollers",
            f"{site}/blog/?author=lena",
            f"{site}/blog/authors/lena/",
            f"{site}/feeds/rss/",
            f"{site}/sitemap.xml",
            f"{api}/articles",
            f"{api}/articles/{page.pk}",
            f"{api}/articles/by-slug/roller-care",
            f"{api}/articles?tag=dermarollers",
            f"{api}/authors/lena",
        }
        self.assertLessEqual(expected, purged, expected - purged)
        # Nothing about unrelated posts or tags.
        self.assertFalse([url for url in purged if "other" in url])

    def test_unpublishing_purges_too(self):
        page = self.publish("withdrawn")
        with PurgeServer() as server, override_settings(WAGTAILFRONTENDCACHE=server.settings):
            page.unpublish()
        self.assertIn("http://localhost/blog/withdrawn/", server.purged)
        self.assertIn(f"http://localhost/api/v1/articles/{page.pk}", server.purged)

    def test_nothing_is_purged_without_a_configured_cdn(self):
        with PurgeServer() as server:
            self.publish("quiet")
        self.assertEqual(server.purged, [])


class TestSurrogateKeys(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.author = make_author("lena", name="Lena Hart")
        cls.page = make_article(cls.index, "post", authors=[cls.author], tags=["tools"])

    def setUp(self):
        cache.clear()

    def keys(self, url: str) -> tuple[set[str], set[str]]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return set(response["Surrogate-Key"].split()), set(response["Cache-Tag"].split(","))

    def test_html_pages_carry_what_they_show(self):
        site = f"site-{self.home.get_site().pk}"
        cases = {
            "/blog/post/": {f"post-{self.page.pk}", site},
            "/blog/": {"posts", site},
            "/": {"posts", site},
            "/blog/?tag=tools": {"tag-tools", site},
            "/blog/authors/lena/": {"author-lena", site},
        }
        for url, expected in cases.items():
            with self.subTest(url):
                surrogate, tags = self.keys(url)
                self.assertEqual(surrogate, expected)
                self.assertEqual(tags, expected)

    def test_api_responses_carry_them_on_misses_and_hits(self):
        site = f"site-{self.home.get_site().pk}"
        cases = {
            f"/api/v1/articles/{self.page.pk}": {f"post-{self.page.pk}", site},
            "/api/v1/articles/by-slug/post": {f"post-{self.page.pk}", site},
            "/api/v1/articles": {"posts", site},
            "/api/v1/articles?tag=tools": {"tag-tools", site},
            "/api/v1/authors/lena": {"author-lena", site},
            "/api/v1/tags": {"posts", site},
        }
        for url, expected in cases.items():
            with self.subTest(url):
                self.assertEqual(self.keys(url)[0], expected)  # miss
                self.assertEqual(self.keys(url)[0], expected)  # served from the cache

    def test_publish_purges_the_keys_the_post_page_carries(self):
        from blog.cache_keys import post_keys

        keys = post_keys(self.page.pk, tag_slugs=["tools"], author_slugs=["lena"])
        surrogate, _tags = self.keys("/blog/post/")
        self.assertIn(keys.post, surrogate)
        self.assertEqual(set(keys.purge), {keys.post, "posts", "tag-tools", "author-lena"})


class TestErrorsAreNotCachedForMinutes(TestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def max_age(self, control: str, directive: str) -> int | None:
        for part in control.split(","):
            name, _, value = part.strip().partition("=")
            if name == directive:
                return int(value)
        return None

    def test_not_found_is_cached_a_short_while_at_most(self):
        for url in ("/blog/no-such-post/", "/api/v1/articles/999999", "/api/v1/nothing-here"):
            with self.subTest(url):
                for _ in range(2):  # the API's second answer comes from its cache
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 404)
                    control = response["Cache-Control"]
                    self.assertLessEqual(self.max_age(control, "max-age"), 60, control)
                    self.assertLessEqual(self.max_age(control, "s-maxage"), 60, control)
                    self.assertNotIn("Surrogate-Key", response)

    def test_bad_requests_are_never_stored(self):
        response = self.client.get("/api/v1/articles?limit=nope")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Cache-Control"], "no-store")

    @override_settings(SKINCARE_BLOG_NOT_FOUND_MAX_AGE=0)
    def test_not_found_caching_can_be_switched_off(self):
        self.assertEqual(self.client.get("/blog/nowhere/")["Cache-Control"], "no-store")
