"""Payloads written through the ORM never reach a reader's page as active content."""

from __future__ import annotations

from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, Author
from pages.streamwalk import iter_richtext
from tests.factories import make_article, make_author, make_site

from .content import counts_by_kind, payload_article, payload_author, payload_stream
from .corpus import active_content, batches, payloads


class TestRenderedPages(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.pages = []
        for n, batch in enumerate(batches()):
            author = payload_author(f"writer-{n}", batch)
            cls.pages.append((payload_article(cls.index, f"p-{n}", batch, [author]), author))

    def test_article_and_author_pages_hold_no_active_content(self):
        tried = dict.fromkeys(("article body", "author box", "author profile"), 0)
        for (page, author), batch in zip(self.pages, batches(), strict=True):
            for path, url in (
                ("article body", page.url),
                ("author profile", self.index.author_url(author)),
            ):
                with self.subTest(url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual(active_content(response.content.decode()), [])
                tried[path] += len(batch)
            tried["author box"] += len(batch)
        for kind, count in counts_by_kind(payloads()).items():
            print(f"site, {kind} block: {count} payloads tried")
        for path, count in tried.items():
            print(f"site, {path}: {count} payloads tried")

    def test_home_page_cards_hold_no_active_content(self):
        response = self.client.get(self.home.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(active_content(response.content.decode()), [])


class TestSanitiseOnSave(WagtailPageTestCase):
    """Content saved through the ORM (a script, an importer) is stored sanitised."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_page_body_is_stored_sanitised(self):
        for n, batch in enumerate(batches()):
            page = make_article(self.index, f"saved-{n}", body=payload_stream(batch))
            stored = ArticlePage.objects.get(pk=page.pk).body
            leaves = [
                leaf
                for leaf in iter_richtext(stored.stream_block, stored.raw_data)
                if not leaf.path.endswith(".intro")
            ]
            self.assertEqual(len(leaves), len(batch))
            for leaf in leaves:
                with self.subTest(payload=leaf.value[:80]):
                    self.assertEqual(active_content(leaf.value, stored_format=True), [])

    def test_author_bio_is_stored_sanitised(self):
        author = make_author("bio", bio="".join(payloads()))
        self.assertEqual(
            active_content(Author.objects.get(pk=author.pk).bio, stored_format=True), []
        )
