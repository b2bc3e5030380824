"""The API picks the same Site as Wagtail for every host, and builds the same URLs."""

from __future__ import annotations

from django.test import RequestFactory
from wagtail.models import Site

from blog.representation.scope import find_site, site_scope
from tests.content_api.helpers import ApiTestCase, make_article, make_other_site, make_site


class TestSiteScope(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.other_home, cls.other_index = make_other_site("other.example")
        Site.objects.create(hostname="other.example", port=8080, root_page=cls.home)
        cls.page = make_article(cls.index, "post")

    def test_same_site_as_wagtail_for_every_host(self):
        factory = RequestFactory()
        for host in (
            "localhost",
            "other.example",
            "other.example:8080",
            "unknown.example",
            "localhost:8000",
        ):
            with self.subTest(host=host):
                request = factory.get("/", HTTP_HOST=host)
                expected = Site.find_for_request(request)
                found = find_site(host.split(":")[0], request.get_port())
                self.assertEqual(found, expected)

    def test_page_urls_match_wagtail(self):
        request = RequestFactory().get("/", HTTP_HOST="localhost")
        scope = site_scope(request)
        self.assertEqual(scope.page_url(self.page.url_path), self.page.get_full_url())
        self.assertEqual(scope.blog_url, self.index.get_full_url())
        self.assertEqual(scope.author_url("lena"), self.index.get_full_url() + "authors/lena/")
