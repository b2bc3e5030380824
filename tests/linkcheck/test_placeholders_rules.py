"""The placeholder engine's pure rule helpers: anchor grammar, lead-ins, sentences, targets."""

from __future__ import annotations

from django.test import SimpleTestCase

from linkcheck.placeholders.grammar import (
    is_generic_anchor,
    is_placeholder_anchor,
    split_sentences,
)
from linkcheck.placeholders.sentences import is_lead_in
from linkcheck.placeholders.targets import affiliate_signals, classify_target, is_money_anchor


class TestGrammar(SimpleTestCase):
    """The word families behind the rules."""

    def test_generic_anchors(self):
        generic = [
            "Delve into this in-depth article",
            "Click for more information on this subject",
            "Gain a better understanding with this material",
            "Explore further",
            "Read more",
            "Understand more with this helpful link",
            "Check out this informative guide.",
        ]
        titled = [
            "Read our full guide to retinol",
            "Read the AAD’s guidance on sunscreen",
            "Learn more about rosacea",
            "How to layer retinol",
            "Read",
            "Check the label",
        ]
        for text in generic:
            with self.subTest(text):
                self.assertTrue(is_generic_anchor(text))
        for text in titled:
            with self.subTest(text):
                self.assertFalse(is_generic_anchor(text))

    def test_placeholder_anchors(self):
        for text in (
            "Related post 1",
            "link here",
            "Your link here",
            "Lorem ipsum dolor",
            "Post #3",
        ):
            with self.subTest(text):
                self.assertTrue(is_placeholder_anchor(text))
        for text in ("Related guides", "Click here", "Our 1st post", "link"):
            with self.subTest(text):
                self.assertFalse(is_placeholder_anchor(text))

    def test_lead_ins_need_a_colon_and_related_vocabulary(self):
        self.assertTrue(is_lead_in("Check out the related links for additional information:"))
        self.assertTrue(is_lead_in("Dive in with the handpicked articles we’ve gathered for you:"))
        self.assertFalse(is_lead_in("Check out the related links for additional information."))
        self.assertFalse(is_lead_in("Before you buy a derma roller:"))

    def test_sentences_split_on_punctuation_typos_and_line_breaks(self):
        text = "Dr. Lee agrees.With care it works. Related posts:\nRead this"
        parts = [text[start:end] for start, end in split_sentences(text)]
        self.assertEqual(
            parts, ["Dr. Lee agrees.", "With care it works.", "Related posts:", "Read this"]
        )


class TestTargets(SimpleTestCase):
    """Where links point."""

    def test_classification(self):
        cases = [
            ("https://example.org/x", None, "placeholder"),
            ("https://sub.example.com", None, "placeholder"),
            ("https://example-clinic.co.uk/", None, "external"),
            ("https://doi.org/10.1000/182", None, "citation"),
            ("https://www.nhs.uk/conditions/acne/", None, "citation"),
            ("https://www.skinnotes.com/x", None, "same_site"),
            ("/blog/x/", None, "same_site"),
            ("mailto:a@b.c", "email", "other"),
            ("#section", "anchor", "other"),
            (None, "page", "internal"),
            (None, None, "placeholder"),
        ]
        for href, linktype, expected in cases:
            with self.subTest(href=href, linktype=linktype):
                target = classify_target(href, linktype, site_hosts=frozenset({"skinnotes.com"}))
                self.assertEqual(target.kind, expected)

    def test_affiliate_signals_and_money_anchors(self):
        self.assertEqual(sum(w for _l, w in affiliate_signals("https://a.com/?ref=9")), 2)
        self.assertEqual(affiliate_signals("https://www.aad.org/public"), ())
        self.assertTrue(is_money_anchor("best derma roller uk"))
        self.assertFalse(is_money_anchor("Paula’s Choice BHA"))
        self.assertFalse(is_money_anchor("buy The Ordinary Niacinamide"))
