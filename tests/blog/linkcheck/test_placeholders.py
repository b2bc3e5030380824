"""The placeholder-spam engine: every spam form, the look-alikes it must leave alone, and its
guarantees (byte-identical when clean, idempotent, never raising on malformed markup)."""

from __future__ import annotations

import json
from pathlib import Path

from django.test import SimpleTestCase

from blog.linkcheck.placeholders import Finding, ScanResult, scan
from blog.linkcheck.placeholders.document import Document
from blog.linkcheck.placeholders.grammar import (
    is_generic_anchor,
    is_placeholder_anchor,
    split_sentences,
)
from blog.linkcheck.placeholders.scanner import Scan
from blog.linkcheck.placeholders.sentences import is_lead_in
from blog.linkcheck.placeholders.targets import (
    affiliate_signals,
    classify_target,
    is_money_anchor,
)
from blog.linkcheck.placeholders.triggers import may_contain_spam

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "placeholders"
SITE = {"site_hosts": frozenset({"skinnotes.com"})}


def load(name: str) -> list[dict]:
    """One labelled corpus file, a JSON object per line."""
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def options(case: dict) -> dict:
    """scan() keyword arguments stored with a corpus case."""
    stored = case.get("options", {})
    return {
        "page_url": stored.get("page_url"),
        "site_hosts": frozenset(stored.get("site_hosts", ())),
    }


def kinds(result: ScanResult) -> set[str]:
    return {finding.kind for finding in result.findings}


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
        self.assertGreaterEqual(caught_rate, 0.95)

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
            '<p>Notes <a href="https://a.net/">XXXX</a> here.</p>',
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


class TestPromoSentence(SimpleTestCase):
    """Form 1: promotional sentences glued to a real paragraph."""

    def test_promo_run_goes_and_the_real_sentences_stay(self):
        real = "Cold water does not close pores. It only makes skin feel tighter for a moment."
        cases = [
            f"{real} Enrich your reading with this outside resource we’ve gathered for you. "
            '<a href="https://tips-skin.net/x">Visit this informative page</a>, fresh and '
            "supplementary information on the subject.",
            f"{real} Curious to learn more about the subject? "
            '<a href="https://poreguide.biz/">pore minimiser</a>, a supplementary external '
            "resource we’ve prepared for you.",
            f"{real} We aim to offer you a fulfilling learning experience, so we’ve "
            "hand-picked this external page with further details on the topic.",
        ]
        for html in cases:
            with self.subTest(html[len(real) :][:40]):
                result = scan(f"<p>{html}</p>")
                self.assertEqual(result.cleaned_html, f"<p>{real}</p>")
                self.assertEqual(kinds(result), {"promo_sentence"})

    def test_promo_in_the_middle_keeps_both_sides_and_their_markup(self):
        html = (
            "<p><b>Before.</b> Dive deeper into the subject with this external resource we’ve "
            'selected for you. <a href="https://x-skin.com/a"><i>Read this helpful post</i></a>, '
            "uncover extra information on the topic. <i>After.</i></p>"
        )
        self.assertEqual(scan(html).cleaned_html, "<p><b>Before.</b> <i>After.</i></p>")

    def test_paragraph_of_only_promo_is_dropped(self):
        html = (
            "<p>Keep it simple.</p><p>Check out this external site we’ve handpicked for you, "
            "packed with additional information on the subject.</p><p>Be patient.</p>"
        )
        self.assertEqual(scan(html).cleaned_html, "<p>Keep it simple.</p><p>Be patient.</p>")

    def test_tails_before_the_first_promo_sentence_are_kept(self):
        # "new insights on the topic" reads like a farm tail but precedes the spam: real prose.
        real = "Research keeps adding new insights on the topic."
        html = f"<p>{real} Visit this external resource we’ve selected for you.</p>"
        self.assertEqual(scan(html).cleaned_html, f"<p>{real}</p>")

    def test_sentence_with_a_citation_link_is_never_removed(self):
        html = (
            "<p>Dive deeper into the subject in this external resource we’ve selected for you: "
            '<a href="https://pubmed.ncbi.nlm.nih.gov/29065647/">the review</a>.</p>'
        )
        self.assertIs(scan(html).cleaned_html, html)


class TestRelatedList(SimpleTestCase):
    """Form 2: a colon lead-in followed by generic anchors, in every shape pastes produce."""

    lead = "<p>Broaden your perspective with the related articles we’ve chosen:</p>"

    def test_list_shapes_are_removed_whole(self):
        shapes = {
            "paragraph links": '<p><a href="https://a.net/1">Peruse this reliable guide</a></p>'
            '<p><a href="https://b.net/2">Scan this insightful overview</a></p>',
            "list items": '<ul><li><a href="https://a.net/1">Read this thorough piece</a></li>'
            '<li><a href="https://b.net/2">Explore these useful resources</a></li></ul>',
            "plain text paste": "<p>Dive into this reputable source</p><p>Check out this paper</p>",
            "br lines": '<p><a href="https://a.net/1">See this detailed report</a><br/>'
            '<a href="https://b.net/2">Open this helpful page</a></p>',
            "empty paragraph between": '<p><a href="https://a.net/1">Study this analysis</a></p>'
            '<p><br/></p><p><a href="https://b.net/2">Review this publication</a></p>',
        }
        for name, items in shapes.items():
            with self.subTest(name):
                html = f"<p>Real text.</p>{self.lead}{items}<h2>Next</h2>"
                result = scan(html)
                self.assertEqual(kinds(result), {"related_list"})
                # An emptied paragraph that was already empty stays, as it was not ours.
                expected = "<p>Real text.</p><p><br/></p><h2>Next</h2>"
                if name != "empty paragraph between":
                    expected = "<p>Real text.</p><h2>Next</h2>"
                self.assertEqual(result.cleaned_html, expected)

    def test_lead_in_glued_to_a_paragraph_goes_with_its_items(self):
        html = (
            "<p>Sleep matters. Explore other viewpoints in the related links we’ve gathered:</p>"
            '<p><a href="https://a.net/1">Investigate this valuable research</a></p>'
        )
        self.assertEqual(scan(html).cleaned_html, "<p>Sleep matters.</p>")

    def test_run_stops_at_a_real_title(self):
        html = (
            f'{self.lead}<ul><li><a href="https://a.net/1">Read this helpful article</a></li>'
            '<li><a href="https://aad.org/x">AAD: Sunscreen FAQs</a></li></ul>'
        )
        result = scan(html)
        self.assertEqual(
            result.cleaned_html,
            '<ul><li><a href="https://aad.org/x">AAD: Sunscreen FAQs</a></li></ul>',
        )
        self.assertEqual(len(result.findings), 2)

    def test_lead_in_without_generic_items_is_kept(self):
        for items in (
            '<ul><li><a linktype="page" id="3">Read this helpful article</a></li></ul>',
            "<p>We tested every product for four weeks.</p>",
            "",
        ):
            with self.subTest(items):
                html = f"{self.lead}{items}"
                self.assertIs(scan(html).cleaned_html, html)

    def test_lone_generic_links_without_a_lead_in_go_only_as_a_run(self):
        run = (
            '<p><a href="https://a.net/1">Delve into this valuable research</a></p>'
            '<p><a href="https://b.net/2">Examine this informative article</a></p>'
        )
        self.assertEqual(scan(f"<p>Real.</p>{run}").cleaned_html, "<p>Real.</p>")
        single = '<p><a href="https://a.net/1">Delve into this valuable research</a></p>'
        self.assertIs(scan(single).cleaned_html, single)


class TestPlaceholderLink(SimpleTestCase):
    """Form 3: links to nowhere, to reserved domains or to the page itself."""

    def test_links_in_sentences_are_unwrapped_and_the_words_kept(self):
        for href in (
            "",
            "#",
            "javascript:void(0)",
            "https://example.com/a",
            "http://b.test/",
            "https://c.invalid",
            "https://d.example/",
            "http://localhost:8000/x",
        ):
            with self.subTest(href):
                result = scan(f'<p>Use <a href="{href}">a gentle cleanser</a> daily.</p>')
                self.assertEqual(result.cleaned_html, "<p>Use a gentle cleanser daily.</p>")
                self.assertEqual(
                    [(f.kind, f.action, f.text, f.href) for f in result.findings],
                    [("placeholder_link", "unwrapped", "a gentle cleanser", href)],
                )

    def test_standalone_placeholder_items_are_removed(self):
        html = '<ul><li>Cleanse</li><li><a href="#">Related post 1</a></li></ul>'
        result = scan(html)
        self.assertEqual(result.cleaned_html, "<ul><li>Cleanse</li></ul>")
        self.assertEqual(result.findings[0].action, "removed")

    def test_standalone_real_title_with_placeholder_href_keeps_its_words(self):
        html = '<p><a href="#">Our retinol starter guide</a></p>'
        self.assertEqual(scan(html).cleaned_html, "<p>Our retinol starter guide</p>")

    def test_links_to_the_page_itself_are_unwrapped(self):
        page = "https://skinnotes.com/blog/spf/"
        html = '<p>As covered <a href="/blog/spf">in this post</a>, reapply.</p>'
        self.assertEqual(
            scan(html, page_url=page).cleaned_html, "<p>As covered in this post, reapply.</p>"
        )
        section = '<p>See <a href="https://skinnotes.com/blog/spf/#how-much">how much</a>.</p>'
        self.assertIs(scan(section, page_url=page).cleaned_html, section)


class TestInjectedLink(SimpleTestCase):
    """Form 4: keyword links injected into real sentences, flagged only on strong signals."""

    def test_money_anchor_to_an_affiliate_target_is_flagged_and_unwrapped(self):
        html = (
            '<p>A <a href="https://rollers-outlet.com/?aff=77">cheap derma roller</a> often has '
            "blunt needles.</p>"
        )
        result = scan(html)
        self.assertEqual(
            result.cleaned_html, "<p>A cheap derma roller often has blunt needles.</p>"
        )
        self.assertEqual(
            (result.findings[0].kind, result.findings[0].action), ("injected_link", "flagged")
        )

    def test_weak_signals_alone_do_not_flag(self):
        for html in (
            '<p>Our <a href="https://www.allure.com/best-serums?utm_source=x">best serums</a> list.</p>',
            '<p>The <a href="https://www.byrdie.com/cheap-spf">cheap sunscreen</a> test.</p>',
            '<p>I use the <a href="https://drpen.com/m8?aff=1">Dr. Pen M8</a> at home.</p>',
            '<p><a href="https://rollers-outlet.com/?aff=77">cheap derma roller</a></p>',
        ):
            with self.subTest(html):
                self.assertIs(scan(html).cleaned_html, html)


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
