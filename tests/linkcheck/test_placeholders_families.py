"""The table of phrase families: gate words that hold, labels from one place, new phrasings."""

from __future__ import annotations

from django.test import SimpleTestCase

from linkcheck.placeholders import scan
from linkcheck.placeholders.document import Document
from linkcheck.placeholders.families import BY_NAME, FAMILIES, GATE_WORDS, PRECHECK_FAMILIES
from linkcheck.placeholders.grammar import (
    ANCHOR_ADJECTIVES,
    ANCHOR_NOUNS,
    ANCHOR_VERBS,
    fold,
    words,
)
from linkcheck.placeholders.sentences import describe_features
from linkcheck.placeholders.triggers import hints, may_contain_spam
from tests.linkcheck.placeholderdata import load

PROSE = "Azelaic acid calms redness. Most people tolerate a 10% cream twice a day."


def folded_texts(html: str) -> list[str]:
    """Folded text of each leaf block and of each of its sentences, as the rules read them."""
    doc = Document(html)
    texts = []
    for leaf in range(len(doc.leaves)):
        view = doc.view(leaf)
        texts.append(fold(view.text))
        texts.extend(fold(view.sentence(index)) for index in range(len(view.sentences)))
    return texts


class TestFamilyTable(SimpleTestCase):
    """One table of families, from which the precheck, the rules and the labels derive."""

    def test_every_match_over_the_corpus_holds_one_of_its_family_gate_words(self):
        # The precheck turns a body away when it holds no gate word, so a family matching
        # without one would hide spam.
        seen = dict.fromkeys(BY_NAME, 0)
        for case in load("spam.jsonl") + load("legit.jsonl"):
            for text in folded_texts(case["html"]):
                for family in FAMILIES:
                    for match in family.pattern.finditer(text):
                        seen[family.name] += 1
                        with self.subTest(case["id"], family=family.name, match=match.group()):
                            self.assertTrue(
                                any(word in match.group() for word in family.gate_words)
                            )
        self.assertEqual([name for name, count in seen.items() if not count], [])

    def test_the_precheck_looks_for_the_gate_words_of_its_families_only(self):
        expected = {word for family in PRECHECK_FAMILIES for word in family.gate_words}
        self.assertEqual(set(GATE_WORDS), expected)
        self.assertEqual(
            {family.name for family in PRECHECK_FAMILIES},
            {"resource", "selected", "education", "stripped", "topic"},
        )

    def test_a_gate_phrase_is_seen_across_markup_and_its_first_word_alone_is_not(self):
        self.assertTrue(hints("<p>Curious about the matter\n<b>at</b>&nbsp;hand?</p>").phrases)
        self.assertFalse(hints("<p>No matter what, reapply at noon.</p>").phrases)

    def test_finding_labels_come_from_the_table(self):
        for family in FAMILIES:
            if family.role != "lead_in":
                with self.subTest(family.name):
                    self.assertEqual(describe_features(frozenset({family.name})), family.label)
        html = (
            "<p>Related posts:</p>"
            '<p><a href="https://a.net/1">Read this helpful article</a></p>'
            '<p><a href="https://a.net/2">Explore this useful guide</a></p>'
        )
        self.assertEqual(scan(html).findings[0].reason, BY_NAME["lead_in"].label)

    def test_a_vocabulary_lists_each_word_once(self):
        with self.assertRaisesMessage(ValueError, "listed twice: read"):
            words("read explore read")
        # A word is a verb or an adjective of the anchor grammar, never both.
        self.assertEqual(ANCHOR_VERBS & ANCHOR_ADJECTIVES, frozenset())
        self.assertFalse({"read", "explore"} & ANCHOR_NOUNS)


class TestNewPhrasings(SimpleTestCase):
    """Rhetorical lead-in questions, and promotional sentences whose link was stripped."""

    def assert_cut_to_prose(self, spam: str) -> None:
        result = scan(f"<p>{PROSE} {spam}</p>")
        self.assertEqual(result.cleaned_html, f"<p>{PROSE}</p>")
        self.assertTrue(all(finding.kind == "promo_sentence" for finding in result.findings))

    def test_a_rhetorical_question_goes_with_the_promotional_sentence_after_it(self):
        link = '<a href="https://derma-facts-now.com/x">Explore this helpful resource</a>'
        for question in (
            "Looking for more information on the subject?",
            "Searching for further details on this topic?",
            "Hungry for more knowledge about the topic?",
            "Are you looking for additional reading on this subject?",
        ):
            with self.subTest(question):
                self.assert_cut_to_prose(
                    f"{question} {link}, packed with additional insights we’ve selected for you."
                )

    def test_a_promotional_sentence_whose_link_was_stripped_is_still_spam(self):
        for spam in (
            "Looking for more information on the subject?, in which you’ll discover "
            "supplementary facts about the topic.",
            "Want to broaden your understanding?, where you will uncover extra and "
            "worthwhile insights.",
            "Eager to expand your knowledge? , in which you can find additional information.",
        ):
            with self.subTest(spam):
                self.assert_cut_to_prose(spam)

    def test_the_precheck_sees_a_stripped_sentence_holding_no_other_gate_word(self):
        html = f"<p>{PROSE} Want to broaden your understanding?, where you will uncover extra insights.</p>"
        self.assertTrue(may_contain_spam(html))

    def test_honest_questions_stay(self):
        for html in (
            "<p>Want to know whether it hurts? Most patients describe a mild scratching "
            "feeling that fades within a few minutes.</p>",
            "<p>Looking for more information on the subject? Ask your pharmacist, who can "
            "check it against the other medicines you take.</p>",
            "<p>Readers ask the same things: does it hurt?, how long until results?, and is it "
            "safe at home? We answer each one below.</p>",
        ):
            with self.subTest(html[:40]):
                result = scan(html)
                self.assertEqual(result.findings, ())
                self.assertIs(result.cleaned_html, html)
