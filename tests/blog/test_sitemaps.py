"""The sitemap index and its pages: every visible page of the host's Site once, in pages of a
bounded size, each page costing the same queries whatever the size of the site."""

from __future__ import annotations

import re

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from pages.models import StandardPage
from tests.content_api.helpers import make_article, make_other_site, make_review, make_site

LOC = re.compile(r"<loc>([^<]+)</loc>")


@override_settings(SKINCARE_BLOG_SITEMAP_LIMIT=4)
class TestSitemaps(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.other_home, cls.other_index = make_other_site("other.example")
        for n in range(9):
            make_article(cls.index, f"ours-{n}")
        for n in range(25):
            make_article(cls.other_index, f"theirs-{n}")
        make_article(cls.index, "draft-post", publish=False)
        private = make_article(cls.index, "private-post")
        PageViewRestriction.objects.create(page=private, restriction_type="login")

    def locations(self, url: str, host: str = "localhost") -> list[str]:
        response = self.client.get(url, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return LOC.findall(response.content.decode())

    def every_url(self, host: str) -> list[str]:
        urls = []
        for page in self.locations("/sitemap.xml", host):
            urls += self.locations(page.replace(f"http://{host}", ""), host)
        return urls

    def test_index_lists_one_sitemap_per_page_of_urls(self):
        # Home, blog index and nine posts: eleven URLs, four to a page.
        self.assertEqual(
            self.locations("/sitemap.xml"),
            [
                "http://localhost/sitemap-pages.xml",
                "http://localhost/sitemap-pages.xml?p=2",
                "http://localhost/sitemap-pages.xml?p=3",
            ],
        )
        self.assertEqual(len(self.locations("/sitemap.xml", "other.example")), 7)

    def test_each_page_is_bounded_and_every_visible_page_is_listed_once(self):
        self.assertEqual(len(self.locations("/sitemap-pages.xml")), 4)
        urls = self.every_url("localhost")
        expected = {"http://localhost/", "http://localhost/blog/"} | {
            f"http://localhost/blog/ours-{n}/" for n in range(9)
        }
        self.assertEqual(sorted(urls), sorted(expected))

    def test_a_second_site_lists_only_its_own_pages(self):
        urls = self.every_url("other.example")
        self.assertEqual(len(urls), 27)
        self.assertTrue(all(url.startswith("http://other.example/") for url in urls))

    def test_drafts_and_restricted_pages_are_absent(self):
        urls = " ".join(self.every_url("localhost"))
        self.assertNotIn("draft-post", urls)
        self.assertNotIn("private-post", urls)

    def test_queries_per_page_do_not_grow_with_the_site(self):
        counts = {}
        for host, path in (
            ("localhost", "/sitemap-pages.xml?p=2"),
            ("other.example", "/sitemap-pages.xml?p=2"),
            ("other.example", "/sitemap-pages.xml?p=6"),
            ("localhost", "/sitemap.xml"),
            ("other.example", "/sitemap.xml"),
        ):
            self.client.get(path, HTTP_HOST=host)  # warm the site and route caches
            with CaptureQueriesContext(connection) as queries:
                self.client.get(path, HTTP_HOST=host)
            counts[host, path] = len(queries)
        pages = {count for (host, path), count in counts.items() if "?p=" in path}
        indexes = {count for (host, path), count in counts.items() if path == "/sitemap.xml"}
        self.assertEqual(len(pages), 1, counts)
        self.assertEqual(len(indexes), 1, counts)


@override_settings(SKINCARE_BLOG_SITEMAP_LIMIT=2)
class TestSitemapsLeaveOut(WagtailPageTestCase):
    """Pages that ask not to be indexed or that readers cannot open are in no sitemap page,
    and the index counts only the rest."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        _other_home, other_index = make_other_site("other.example")
        make_article(other_index, "theirs")
        make_article(cls.index, "listed")
        make_review(cls.index, "listed-review")
        make_article(cls.index, "hidden-post", noindex=True)
        make_review(cls.index, "hidden-review", noindex=True)
        for slug, noindex in (("about", False), ("thanks", True)):
            cls.home.add_child(instance=StandardPage(title=slug, slug=slug, noindex=noindex))
        members = cls.home.add_child(instance=StandardPage(title="Members", slug="members"))
        members.add_child(instance=StandardPage(title="Inside", slug="inside"))
        PageViewRestriction.objects.create(
            page=members, restriction_type="password", password="secret"
        )

    def locations(self, url: str, host: str = "localhost") -> list[str]:
        response = self.client.get(url, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return LOC.findall(response.content.decode())

    def test_index_and_every_sitemap_page_list_only_indexable_public_pages(self):
        expected = {
            "http://localhost/",
            "http://localhost/blog/",
            "http://localhost/blog/listed/",
            "http://localhost/blog/listed-review/",
            "http://localhost/about/",
        }
        pages = self.locations("/sitemap.xml")
        # Five URLs two to a page: the index counts three pages, not the seven or nine that
        # the noindex and restricted pages would make.
        self.assertEqual(len(pages), 3)
        urls = []
        for page in pages:
            with self.subTest(page):
                found = self.locations(page.replace("http://localhost", ""))
                self.assertLessEqual(len(found), 2)
                urls += found
        self.assertEqual(sorted(urls), sorted(expected))
