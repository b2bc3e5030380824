"""Internal links in rich text: Wagtail's markup, URLs cached per content generation."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import expand_db_html
from wagtail.test.utils import WagtailPageTestCase

from tests.content_api.helpers import make_article, make_site


class TestRichTextPageLinks(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.target = make_article(cls.index, "target")

    def html(self) -> str:
        return expand_db_html(
            f'<p><a linktype="page" id="{self.target.pk}">target</a> and '
            '<a linktype="page" id="999999">gone</a></p>'
        )

    def test_links_render_as_wagtail_renders_them_and_are_read_once(self):
        self.assertEqual(self.html(), '<p><a href="/blog/target/">target</a> and <a>gone</a></p>')
        with CaptureQueriesContext(connection) as queries:
            self.html()
        self.assertEqual(len(queries), 0)

    def test_a_moved_page_is_linked_at_its_new_url(self):
        self.html()
        self.target.slug = "renamed"
        self.target.save_revision().publish()
        self.assertIn('href="/blog/renamed/"', self.html())
