"""The full-page cache: anonymous readers get stored pages until content changes; editors,
other Sites and personal responses never share them."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory, SimpleTestCase, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from blog import pagecache
from pages.models import SiteSettings
from tests.content_api.helpers import make_article, make_author, make_other_site, make_site


class TestPageCache(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.other_home, cls.other_index = make_other_site("other.example")
        cls.lena = make_author("lena", name="Lena Hart")
        cls.post = make_article(
            cls.index, "serum-guide", title="Serum guide", authors=[cls.lena], tags=["acne"]
        )
        cls.other_post = make_article(cls.other_index, "serum-guide", title="Other serum guide")
        cls.editor = get_user_model().objects.create_superuser("editor", "e@example.com", "pw")

    def setUp(self):
        cache.clear()

    def queries(self, path: str, host: str = "localhost", **extra) -> tuple[int, HttpResponse]:
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(path, HTTP_HOST=host, **extra)
        return len(captured), response

    def assert_cached(self, path: str, host: str = "localhost") -> HttpResponse:
        first = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(first.status_code, 200)
        count, again = self.queries(path, host)
        self.assertEqual(count, 0, f"{path} was rendered again")
        self.assertEqual(again.content, first.content)
        return again

    def assert_not_cached(self, path: str, host: str = "localhost", **extra) -> None:
        self.client.get(path, HTTP_HOST=host, **extra)
        count, _response = self.queries(path, host, **extra)
        self.assertGreater(count, 0, f"{path} came from the page cache")

    def test_every_reader_page_is_served_from_the_cache(self):
        for path in (
            "/",
            "/blog/",
            "/blog/?tag=acne&page=1",
            "/blog/?author=lena",
            "/blog/authors/lena/",
            "/blog/serum-guide/",
        ):
            with self.subTest(path=path):
                self.assert_cached(path)

    def test_a_hit_carries_the_stored_headers_and_its_own_length(self):
        first = self.client.get("/blog/serum-guide/")
        hit = self.assert_cached("/blog/serum-guide/")
        self.assertEqual(hit["Content-Length"], str(len(first.content)))
        for name in ("Content-Type", "Surrogate-Key", "Cache-Tag", "X-Frame-Options"):
            with self.subTest(name=name):
                self.assertEqual(hit.get(name), first.get(name))
        self.assertNotIn("Set-Cookie", hit)

    def test_a_change_to_one_hit_does_not_reach_the_next(self):
        self.assert_cached("/blog/serum-guide/")
        self.client.get("/blog/serum-guide/")["X-Changed"] = "by a middleware"
        self.assertNotIn("X-Changed", self.client.get("/blog/serum-guide/"))

    def test_publishing_in_this_process_shows_at_once(self):
        self.assert_cached("/blog/serum-guide/")
        self.post.title = "Serum guide, revised"
        self.post.save_revision().publish()
        self.assertContains(self.client.get("/blog/serum-guide/"), "Serum guide, revised")

    def test_a_save_through_the_orm_shows_at_once(self):
        self.assert_cached("/blog/")
        self.post.title = "Serum guide, edited in a shell"
        self.post.save()
        self.assertContains(self.client.get("/blog/"), "Serum guide, edited in a shell")

    def test_unpublishing_removes_the_post(self):
        self.assert_cached("/blog/serum-guide/")
        self.post.unpublish()
        self.assertEqual(self.client.get("/blog/serum-guide/").status_code, 404)

    def test_author_and_site_settings_changes_show_at_once(self):
        self.assert_cached("/blog/authors/lena/")
        self.lena.name = "Lena Hart-Okafor"
        self.lena.save_revision().publish()
        self.assertContains(self.client.get("/blog/authors/lena/"), "Lena Hart-Okafor")
        self.assert_cached("/")
        settings = SiteSettings.for_site(self.home.get_site())
        settings.tagline = "Evidence first"
        settings.save()
        self.assertContains(self.client.get("/"), "Evidence first")

    def test_each_site_gets_its_own_page(self):
        ours = self.assert_cached("/blog/serum-guide/")
        theirs = self.client.get("/blog/serum-guide/", HTTP_HOST="other.example")
        self.assertContains(theirs, "Other serum guide")
        self.assertNotEqual(ours.content, theirs.content)

    def test_a_logged_in_editor_never_gets_a_cached_page(self):
        anonymous = self.assert_cached("/blog/serum-guide/")
        self.client.force_login(self.editor)
        count, response = self.queries("/blog/serum-guide/")
        self.assertGreater(count, 0)
        self.assertNotEqual(response.content, anonymous.content)
        # ... and what was rendered for the editor is not stored for anyone.
        self.client.logout()
        self.assertEqual(self.client.get("/blog/serum-guide/").content, anonymous.content)

    def test_other_query_strings_errors_and_private_pages_are_not_cached(self):
        self.assert_not_cached("/blog/serum-guide/?utm_source=newsletter")
        self.assert_not_cached("/blog/?tag=acne&tag=rosacea")
        self.assert_not_cached("/blog/missing/")
        self.assert_not_cached("/search/?q=serum")
        PageViewRestriction.objects.create(
            page=self.post, restriction_type="password", password="x"
        )
        self.assert_not_cached("/blog/serum-guide/")

    @override_settings(SKINCARE_BLOG_PAGE_CACHE=False)
    def test_can_be_turned_off(self):
        self.assert_not_cached("/blog/serum-guide/")


class TestWhatIsStored(SimpleTestCase):
    """The rules on their own: only the page every anonymous reader gets is stored."""

    def request(self, path="/blog/post/", **extra):
        request = RequestFactory().get(path, **extra)
        request.skincare_page_cacheable = True
        return request

    def test_personal_responses_are_not_stored(self):
        cookie = HttpResponse("ok")
        cookie.set_cookie("csrftoken", "x")
        vary = HttpResponse("ok", headers={"Vary": "*"})
        private = HttpResponse("ok", headers={"Cache-Control": "private, max-age=0"})
        csrf = self.request()
        csrf.META["CSRF_COOKIE_USED"] = True
        preview = self.request()
        preview.is_preview = True
        other_view = RequestFactory().get("/search/")
        cases = {
            "plain page": (self.request(), HttpResponse("ok"), True),
            "Set-Cookie": (self.request(), cookie, False),
            "Vary: *": (self.request(), vary, False),
            "private": (self.request(), private, False),
            "CSRF token": (csrf, HttpResponse("ok"), False),
            "preview": (preview, HttpResponse("ok"), False),
            "not a Wagtail page": (other_view, HttpResponse("ok"), False),
            "not found": (self.request(), HttpResponse("no", status=404), False),
        }
        for name, (request, response, expected) in cases.items():
            with self.subTest(name):
                self.assertIs(pagecache.storable(request, response), expected)

    def test_requests_with_a_session_or_other_parameters_do_not_use_the_cache(self):
        factory = RequestFactory()
        session = factory.get("/blog/")
        session.COOKIES["sessionid"] = "abc"
        cases = {
            "/blog/?page=2&tag=acne": True,
            "/blog/?author=lena": True,
            "/blog/?utm_source=x": False,
            "/blog/?page=1&page=2": False,
        }
        for path, expected in cases.items():
            with self.subTest(path):
                self.assertIs(pagecache.page_key(factory.get(path)) is not None, expected)
        self.assertIsNone(pagecache.page_key(session))
        self.assertIsNone(pagecache.page_key(factory.post("/blog/")))
        self.assertEqual(
            pagecache.page_key(factory.get("/blog/?tag=a&page=2")),
            pagecache.page_key(factory.get("/blog/?page=2&tag=a")),
        )
        self.assertNotEqual(
            pagecache.page_key(factory.get("/blog/", HTTP_HOST="a.example")),
            pagecache.page_key(factory.get("/blog/", HTTP_HOST="b.example")),
        )
