"""The placeholder engine's precheck: clean text turned away early, spam never hidden."""

from __future__ import annotations

from django.test import SimpleTestCase

from linkcheck.placeholders import scan
from linkcheck.placeholders.document import Document
from linkcheck.placeholders.scanner import Scan
from linkcheck.placeholders.triggers import may_contain_spam


class TestPrecheck(SimpleTestCase):
    """The fast path turns clean text away early but never hides spam."""

    def test_clean_text_with_farm_words_is_turned_away(self):
        cases = [
            "<p>Age-related collagen loss shows first around the eyes.</p>",
            "<p>In my experience, outside help from a dermatologist saves money.</p>",
            '<p>Related guides:</p><ul><li><a linktype="page" id="3">Retinol basics</a></li></ul>',
            '<p>See <a href="https://www.niams.nih.gov/health-topics/rosacea">NIH</a>.</p>',
            '<p>Read <a href="https://www.healthline.com/x">a 2019 review</a> first.</p>',
        ]
        for html in cases:
            with self.subTest(html[:40]):
                self.assertFalse(may_contain_spam(html))

    def test_spam_hidden_in_markup_is_still_seen(self):
        items = '<p><a href="https://a.net/1">Read this helpful article</a></p>'
        cases = [
            f"<p>Learn more in the related posts we recommend.<br/>Check it out:</p>{items}",
            f"<p>Check out the related links we’ve chosen:&nbsp;</p>{items}",
            f"<p>Check out the related links we&rsquo;ve chosen:</p>{items}",
            "<P>Dive into the subject with this External resource we&#8217;ve selected for you.</P>",
            '<p>Use <a href="https://a.net/"><b>Read</b> this <i>helpful</i> post</a>.</p>'
            '<p><a href="https://b.net/"><b>Explore</b> this useful guide</a></p>'
            '<p><a href="https://c.net/">Examine this detailed review</a></p>',
            # A run of x's as the whole anchor: only the precheck's x-run branch lets it through.
            '<p>Notes <a href="https://a.net/">Xxxx</a> here.</p>',
            '<p>Notes <a href="java script:void(0)">here</a>.</p>',
            '<p>Notes <a data-href="https://a.net/">here</a>.</p>',
            '<p>Notes <a href="&#35;">here</a>.</p>',
            "<p>Related posts we’ve chosen:</p><p>&#xa0;</p><p>Your link here</p>",
            "<p>Related posts:</p><p><br/></p><p>Read this helpful article</p>",
            "<p>Tip: a < b. Dive into the subject with this external resource we’ve chosen.</p>",
        ]
        for html in cases:
            with self.subTest(html[:50]):
                full = Scan(Document(html)).run()
                self.assertTrue(full.findings)
                self.assertEqual(scan(html), full)
