"""The pure edits behind the fixes: rich-text anchors and URL leaves, untouched elsewhere."""

from django.test import SimpleTestCase

from linkcheck.fixes import (
    Target,
    replace_href_html,
    replace_stream_urls,
    to_page_link_html,
    unlink_html,
)
from pages.blocks import BodyStreamBlock

OLD = "https://old.example.org/a?x=1&y=2"


class TestRichtextEdits(SimpleTestCase):
    """Only anchors pointing at the target change; every other byte stays."""

    def test_unlink_keeps_inner_markup(self):
        cases = [
            (
                f'<p>A <a href="{OLD.replace("&", "&amp;")}">b <i>c</i></a> d</p>',
                "<p>A b <i>c</i> d</p>",
                1,
            ),
            (
                '<p><a href="https://other.example.org/">keep</a></p>',
                '<p><a href="https://other.example.org/">keep</a></p>',
                0,
            ),
            (
                f'<p><a href="{OLD.replace("&", "&amp;")}">1</a><a href="{OLD.replace("&", "&amp;")}">2</a></p>',
                "<p>12</p>",
                2,
            ),
        ]
        for html, expected, count in cases:
            with self.subTest(html=html):
                self.assertEqual(unlink_html(html, Target(url=OLD)), (expected, count))

    def test_unlink_internal_link_by_id(self):
        html = '<p><a linktype="page" id="4">four</a> <a linktype="page" id="40">forty</a></p>'
        new, count = unlink_html(html, Target(linktype="page", id=4))
        self.assertEqual((new, count), ('<p>four <a linktype="page" id="40">forty</a></p>', 1))

    def test_replace_href_keeps_other_attributes(self):
        html = f'<p><a href="{OLD.replace("&", "&amp;")}" rel="noopener">t</a></p>'
        new, count = replace_href_html(html, Target(url=OLD), "https://new.example.org/?a=1&b=2")
        self.assertEqual(
            new, '<p><a href="https://new.example.org/?a=1&amp;b=2" rel="noopener">t</a></p>'
        )
        self.assertEqual(count, 1)

    def test_page_link_conversion(self):
        html = '<p>See <a href="http://localhost/blog/x/">our guide</a>.</p>'
        new, _count = to_page_link_html(html, Target(url="http://localhost/blog/x/"), 12)
        self.assertEqual(new, '<p>See <a linktype="page" id="12">our guide</a>.</p>')


class TestStreamUrlEdits(SimpleTestCase):
    """URL and embed leaves are replaced at any depth in a copy of the raw data."""

    def test_citation_and_embed_urls_are_replaced(self):
        raw = [
            {"type": "embed", "value": OLD, "id": "e"},
            {
                "type": "citations",
                "id": "c",
                "value": {
                    "heading": "R",
                    "items": [
                        {
                            "type": "item",
                            "id": "i",
                            "value": {"title": "T", "doi": "", "pmid": "", "url": OLD},
                        },
                        {
                            "type": "item",
                            "id": "j",
                            "value": {
                                "title": "U",
                                "doi": "",
                                "pmid": "",
                                "url": "https://keep.example.org/",
                            },
                        },
                    ],
                },
            },
        ]
        new, count = replace_stream_urls(BodyStreamBlock(), raw, OLD, "https://new.example.org/")
        self.assertEqual(count, 2)
        self.assertEqual(new[0]["value"], "https://new.example.org/")
        self.assertEqual(new[1]["value"]["items"][0]["value"]["url"], "https://new.example.org/")
        self.assertEqual(new[1]["value"]["items"][1]["value"]["url"], "https://keep.example.org/")
        self.assertEqual(raw[0]["value"], OLD)  # the input is not modified

    def test_nothing_to_replace_returns_the_input(self):
        raw = [{"type": "paragraph", "value": "<p>x</p>", "id": "p"}]
        new, count = replace_stream_urls(BodyStreamBlock(), raw, OLD, "https://new.example.org/")
        self.assertIs(new, raw)
        self.assertEqual(count, 0)
