"""What every caller of the placeholder engine relies on: identity, stability, frozen results."""

from __future__ import annotations

import json

from django.test import SimpleTestCase

from linkcheck.placeholders import Finding, scan
from tests.linkcheck.placeholderdata import SITE


class TestGuarantees(SimpleTestCase):
    """Properties every caller relies on."""

    def test_clean_input_is_returned_as_the_same_object(self):
        html = '<p>Plain text with <a href="https://aad.org/">a real source</a>.</p>'
        result = scan(html)
        self.assertIs(result.cleaned_html, html)
        self.assertFalse(result.changed)

    def test_malformed_markup_never_raises_and_cleans_stably(self):
        cases = [
            "",
            "plain text, no markup",
            "<p>unclosed paragraph",
            '<p>Text <a href="#">unclosed link</p>',
            '<a href="#">Related post 1</a>',
            "</p></ul></li>stray closers<p>",
            '<p><a href="https://example.com"><a href="#">nested</a></a></p>',
            '<p>Attr with > inside <a title="a>b" href="#">x</a></p>',
            '<p><a href="http://[broken">ipv6</a> and &bogus; &#99999999; entities</p>',
            "<ul><li>one<li>two<li><a href=''>Related post 3</a></ul>",
            "<p>Discover different perspectives in the related posts we’ve chosen for you:",
            '<p>Check out the related links we’ve selected:</p><p><a href="https://a.b/">Read this',
            "<!-- unterminated comment <p>text</p>",
            "<p>" + "Dive deeper into the subject with this external resource. " * 200 + "</p>",
            "<p>\u0130stanbul \u0130 related posts we’ve chosen:</p><p>Read this helpful guide</p>",
        ]
        for html in cases:
            with self.subTest(html[:50]):
                once = scan(html)
                self.assertIsInstance(once.cleaned_html, str)
                self.assertEqual(scan(once.cleaned_html).findings, ())

    def test_json_form_has_exactly_the_documented_keys(self):
        result = scan('<p>See <a href="#">this</a>.</p>')
        data = json.loads(json.dumps(result.as_dict()))
        self.assertEqual(set(data), {"findings", "cleaned_html"})
        self.assertEqual(set(data["findings"][0]), {"kind", "action", "text", "href", "reason"})
        self.assertTrue(result.changed)

    def test_results_are_frozen(self):
        finding = Finding("placeholder_link", "unwrapped", "x", "#", "why")
        with self.assertRaises(AttributeError):
            finding.text = "y"

    def test_same_site_and_internal_links_are_never_touched(self):
        html = (
            "<p>Related posts we’ve chosen for you:</p>"
            '<p><a href="https://skinnotes.com/a/">Read this helpful article</a></p>'
            '<p><a linktype="page" id="2">Explore this detailed guide</a></p>'
        )
        self.assertIs(scan(html, **SITE).cleaned_html, html)
