"""The four spam forms the placeholder engine removes, and the look-alikes it must keep."""

from __future__ import annotations

from django.test import SimpleTestCase

from linkcheck.placeholders import scan
from tests.linkcheck.placeholderdata import kinds


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
