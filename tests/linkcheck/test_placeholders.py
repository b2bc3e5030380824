"""The placeholder-spam engine on its labelled corpus and on the shape of seed 000.

The engine's other guarantees, each spam form, the precheck and the rule helpers have their
own test_placeholders_<topic>.py files."""

from __future__ import annotations

from django.test import SimpleTestCase

from linkcheck.placeholders import scan
from linkcheck.placeholders.document import Document
from linkcheck.placeholders.scanner import Scan
from linkcheck.placeholders.triggers import may_contain_spam
from tests.linkcheck.placeholderdata import FIXTURES, kinds, load, options


class TestCorpus(SimpleTestCase):
    """The labelled corpus in tests/fixtures/placeholders/."""

    def test_rates_keep_every_look_alike_and_catch_the_spam(self):
        legit, spam = load("legit.jsonl"), load("spam.jsonl")
        kept = [
            case
            for case in legit
            if scan(case["html"], **options(case)).cleaned_html == case["html"]
        ]
        caught = []
        for case in spam:
            result = scan(case["html"], **options(case))
            if set(case["kinds"]) <= kinds(result) and result.cleaned_html == case["expected_html"]:
                caught.append(case)
        kept_rate, caught_rate = len(kept) / len(legit), len(caught) / len(spam)
        print(
            f"look-alikes kept: {kept_rate:.0%} ({len(kept)}/{len(legit)}); "
            f"spam caught: {caught_rate:.0%} ({len(caught)}/{len(spam)})"
        )
        self.assertEqual(len(kept), len(legit))
        self.assertEqual([case["id"] for case in spam if case not in caught], [])

    def test_each_look_alike_comes_back_as_the_same_string(self):
        for case in load("legit.jsonl"):
            with self.subTest(case["id"], note=case["note"]):
                result = scan(case["html"], **options(case))
                self.assertEqual(result.findings, ())
                self.assertIs(result.cleaned_html, case["html"])

    def test_corpus_covers_every_form_in_volume(self):
        spam = load("spam.jsonl")
        per_form = {form: sum(case["form"] == form for case in spam) for form in (1, 2, 3, 4)}
        self.assertTrue(all(per_form[form] >= 40 for form in (1, 2, 3)), per_form)
        self.assertGreaterEqual(per_form[4], 10)
        self.assertGreaterEqual(len(load("legit.jsonl")), len(spam) - 10)

    def test_cleaning_is_idempotent_on_every_case(self):
        for case in load("spam.jsonl") + load("legit.jsonl"):
            with self.subTest(case["id"]):
                once = scan(case["html"], **options(case))
                twice = scan(once.cleaned_html, **options(case))
                self.assertEqual(twice.findings, ())
                self.assertEqual(twice.cleaned_html, once.cleaned_html)

    def test_precheck_never_hides_a_finding(self):
        # The fast path may only say "clean" when the full rules agree.
        for case in load("spam.jsonl") + load("legit.jsonl"):
            with self.subTest(case["id"]):
                opts = options(case)
                full = Scan(Document(case["html"], opts["page_url"], opts["site_hosts"])).run()
                self.assertEqual(scan(case["html"], **opts), full)
                if full.findings:
                    self.assertTrue(may_contain_spam(case["html"], opts["page_url"]))


class TestSeedShape(SimpleTestCase):
    """The ending of seed 000 in rich-text form: a glued promo sentence and a four-link list."""

    def setUp(self):
        self.html = (FIXTURES / "seed_000_shape.html").read_text(encoding="utf-8").rstrip("\n")
        self.expected = (FIXTURES / "seed_000_shape.expected.html").read_text(encoding="utf-8")

    def test_spam_is_gone_and_the_conclusion_stays_byte_for_byte(self):
        result = scan(self.html)
        self.assertEqual(result.cleaned_html, self.expected.rstrip("\n"))
        self.assertIn(
            "Talk to a licensed practitioner about whether it suits your skin before you try it "
            "at home.</p>",
            result.cleaned_html,
        )
        for spam in ("external resource", "useful source", "related posts", "impartial analysis"):
            self.assertNotIn(spam, result.cleaned_html)

    def test_each_removed_piece_is_named(self):
        findings = scan(self.html).findings
        self.assertEqual(
            [finding.kind for finding in findings], ["promo_sentence"] * 2 + ["related_list"] * 5
        )
        self.assertEqual(
            findings[1].href, "https://microneedle-tips.net/benefits/", "the promo link is named"
        )
        self.assertEqual(
            [finding.text for finding in findings[3:]],
            [
                "Dive into this impartial analysis",
                "Delve into this in-depth article",
                "Delve into this in-depth resource",
                "Learn from this helpful research",
            ],
        )
        self.assertTrue(all(finding.action == "removed" for finding in findings))
