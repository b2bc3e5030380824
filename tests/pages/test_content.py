from django.test import SimpleTestCase

from pages.content import (
    citation_links,
    reading_facts,
    reading_minutes,
    stream_text,
    table_of_contents,
    word_count,
)


class TestStreamText(SimpleTestCase):
    def test_collects_text_from_nested_blocks_without_markup_or_settings(self):
        raw = [
            {"type": "paragraph", "value": "<p>Hello <b>skin</b> &amp; care</p>", "id": "a"},
            {
                "type": "benefits",
                "value": {
                    "heading": "Benefits",
                    "items": [
                        {
                            "type": "item",
                            "value": {"title": "Firmer", "explanation": "<p>Collagen</p>"},
                            "id": "x",
                        }
                    ],
                },
                "id": "b",
            },
            {
                "type": "heading",
                "value": {"text": "Aftercare", "level": "h2", "anchor": "care"},
                "id": "c",
            },
        ]
        text = stream_text(raw)
        for word in ("Hello", "skin", "& care", "Benefits", "Firmer", "Collagen", "Aftercare"):
            self.assertIn(word, text)
        self.assertNotIn("<", text)
        self.assertNotIn("h2", text)

    def test_urls_and_identifiers_are_not_counted_as_words(self):
        raw = [
            {"type": "embed", "value": "https://www.youtube.com/watch?v=abc", "id": "e"},
            {
                "type": "citations",
                "value": {
                    "heading": "References",
                    "items": [
                        {
                            "type": "item",
                            "value": {"title": "Collagen study", "doi": "10.1/x", "year": 2020},
                            "id": "i",
                        }
                    ],
                },
                "id": "c",
            },
        ]
        self.assertEqual(stream_text(raw), "References Collagen study")

    def test_word_count_and_reading_time(self):
        self.assertEqual(word_count("Skin's barrier, re-built: fast."), 4)
        self.assertEqual(reading_minutes(0), 1)
        self.assertEqual(reading_minutes(226), 2)

    def test_reading_facts_count_every_text_given(self):
        # A review's body, verdict, pros and cons: one rule for the page, cards and the API.
        facts = reading_facts("word " * 200, "", "Quiet motor", "word " * 24)
        self.assertEqual((facts.words, facts.minutes), (226, 2))
        self.assertEqual(reading_facts().minutes, 1)


class TestTableOfContents(SimpleTestCase):
    def test_anchors_are_slugs_made_unique(self):
        raw = [
            {
                "type": "heading",
                "value": {"text": "Aftercare tips", "level": "h2", "anchor": ""},
                "id": "1",
            },
            {"type": "paragraph", "value": "<p>x</p>", "id": "2"},
            {
                "type": "heading",
                "value": {"text": "Aftercare tips", "level": "h3", "anchor": ""},
                "id": "3",
            },
            {
                "type": "heading",
                "value": {"text": "Custom", "level": "h2", "anchor": "my-anchor"},
                "id": "4",
            },
        ]
        toc = table_of_contents(raw)
        self.assertEqual(
            [e.anchor for e in toc], ["aftercare-tips", "aftercare-tips-2", "my-anchor"]
        )
        self.assertEqual([e.level for e in toc], [2, 3, 2])
        self.assertEqual([e.block_id for e in toc], ["1", "3", "4"])

    def test_section_blocks_with_headings_are_listed(self):
        raw = [
            {"type": "benefits", "value": {"heading": "Why it helps", "items": []}, "id": "b"},
            {"type": "phases", "value": {"heading": "Why it helps", "items": []}, "id": "p"},
            {"type": "paragraph", "value": "<p>x</p>", "id": "x"},
        ]
        toc = table_of_contents(raw)
        self.assertEqual(
            [(e.text, e.anchor, e.block_id) for e in toc],
            [("Why it helps", "why-it-helps", "b"), ("Why it helps", "why-it-helps-2", "p")],
        )


class TestCitationLinks(SimpleTestCase):
    def test_each_citing_place_gets_a_marker_and_each_reference_its_way_back(self):
        raw = [
            {
                "type": "benefits",
                "id": "b1",
                "value": {
                    "items": [
                        {"type": "item", "id": "x", "value": {"title": "A", "citations": "1, 2"}},
                        {"title": "B", "citations": ""},
                        {"title": "C", "citations": "2"},
                    ]
                },
            },
            {"type": "paragraph", "id": "p", "value": "<p>1, 2</p>"},
            {
                "type": "benefits",
                "id": "b2",
                "value": {"items": [{"title": "D", "citations": "1"}]},
            },
        ]
        links = citation_links(raw)
        self.assertEqual(
            links.markers,
            {
                "b1": {0: [(1, "cite-1-1"), (2, "cite-2-1")], 2: [(2, "cite-2-2")]},
                "b2": {0: [(1, "cite-1-2")]},
            },
        )
        self.assertEqual(
            links.backlinks, {1: ["cite-1-1", "cite-1-2"], 2: ["cite-2-1", "cite-2-2"]}
        )

    def test_citation_numbers_are_not_counted_as_words(self):
        raw = [
            {
                "type": "benefits",
                "id": "b",
                "value": {
                    "heading": "H",
                    "items": [
                        {"title": "Firm", "explanation": "<p>Skin.</p>", "citations": "1, 2, 3"}
                    ],
                },
            }
        ]
        self.assertEqual(word_count(stream_text(raw)), 3)
