"""Feeds: what a feed reader shows after un-escaping the XML holds no live markup."""

from __future__ import annotations

from xml.etree import ElementTree

from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from tests.factories import make_article, make_site

from .corpus import active_content, batches, payloads

ATOM = "{http://www.w3.org/2005/Atom}"


@override_settings(SKINCARE_BLOG_FEED_ITEMS=50)
class TestFeedSummaries(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        # Summaries are plain text; a script or an importer can put markup in them.
        for n, batch in enumerate(batches()):
            make_article(cls.index, f"p-{n}", summary="".join(batch))

    def descriptions(self, name: str) -> list[str]:
        response = self.client.get(reverse(name))
        self.assertEqual(response.status_code, 200)
        root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
        if name.endswith("rss"):
            return [item.findtext("description") for item in root.iter("item")]
        return [entry.findtext(f"{ATOM}summary") for entry in root.iter(f"{ATOM}entry")]

    def test_readers_get_the_summary_as_text(self):
        for name in ("blog_feed_rss", "blog_feed_atom"):
            with self.subTest(feed=name):
                texts = self.descriptions(name)
                self.assertEqual(len(texts), len(batches()))
                # ElementTree un-escapes once, as a reader does before rendering the HTML.
                for html in texts:
                    self.assertEqual(active_content(html), [])
            print(f"feed {name}: {len(payloads())} payloads tried")

    def test_plain_summary_reads_the_same(self):
        make_article(self.index, "plain", summary="Rollers & pens: <3 mm needles")
        texts = self.descriptions("blog_feed_rss")
        self.assertIn("Rollers &amp; pens: &lt;3 mm needles", texts)
