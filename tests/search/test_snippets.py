"""Snippets: an excerpt around the match, escaped first, then the matched words marked."""

from django.test import SimpleTestCase, override_settings
from wagtail.test.utils import WagtailPageTestCase

from blog.search.snippets import query_terms, snippet
from tests.factories import make_article, make_site

from .helpers import api_search

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> collagen & peptides'


class TestSnippet(SimpleTestCase):
    def test_marks_matched_words_and_their_inflections(self):
        html = snippet("Scarring fades; scars soften with collagen.", query_terms("scar"))
        self.assertEqual(
            html, "<mark>Scarring</mark> fades; <mark>scars</mark> soften with collagen."
        )

    def test_escapes_markup_before_marking(self):
        html = snippet(XSS, query_terms("collagen script"))
        self.assertNotIn("<script", html)
        self.assertNotIn("<img", html)
        self.assertIn("&lt;<mark>script</mark>&gt;", html)
        self.assertIn("<mark>collagen</mark> &amp; peptides", html)

    def test_starts_near_the_first_match_of_a_long_text(self):
        text = "filler " * 100 + "the collagen part " + "tail " * 100
        html = snippet(text, query_terms("collagen"), width=80)
        self.assertTrue(html.startswith("… "))
        self.assertTrue(html.endswith(" …"))
        self.assertIn("<mark>collagen</mark>", html)
        self.assertLess(len(html), 120)

    def test_text_without_a_match_gives_its_start(self):
        self.assertEqual(snippet("Plain words here.", query_terms("zz")), "Plain words here.")


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestSnippetsOnResults(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        _home, index = make_site()
        make_article(
            index,
            "xss",
            title="Peptide serums",
            # A plain-text field holds the payload as typed; the body holds it escaped, which
            # the index stores as text (unescaped) again.
            summary=XSS,
            body=[("paragraph", f"<p>{XSS.replace('<', '&lt;').replace('>', '&gt;')}</p>")],
        )

    def test_site_result_shows_escaped_payload_with_marks(self):
        response = self.client.get("/search/", {"q": "peptides"})
        html = response.content.decode()
        self.assertIn("<mark>peptides</mark>", html)
        self.assertNotIn('<script>alert("x")', html)
        self.assertNotIn("<img src=x", html)

    def test_api_hit_carries_the_snippet(self):
        hit = api_search(self.client, "peptides")["results"][0]
        self.assertIn("<mark>peptides</mark>", hit["snippet"])
        self.assertNotIn("<script", hit["snippet"])
        self.assertNotIn("<img", hit["snippet"])
