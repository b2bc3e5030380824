"""Reading Wagtail's stored rich-text format by source offsets."""

from __future__ import annotations

from django.test import SimpleTestCase

from linkcheck.richtext import (
    RichTextLink,
    TextMap,
    iter_blocks,
    iter_links,
    parse_attrs,
    text_content,
    unpaired_tags,
)


class TestIterLinks(SimpleTestCase):
    """Links with Wagtail's link types, decoded text and exact source spans."""

    def test_link_types_follow_wagtails_rewriter(self):
        html = (
            '<p><a href="https://aad.org/x?a=1&amp;b=2">AAD</a> '
            '<a linktype="page" id="3">Retinol guide</a> '
            '<a linktype="document" id="7">Aftercare PDF</a> '
            '<a href="mailto:hi@skinnotes.com">mail</a> <a href="#faq">FAQ</a> '
            '<a href="/relative/">rel</a></p>'
        )
        self.assertEqual(
            [(link.href, link.linktype, link.id, link.text) for link in iter_links(html)],
            [
                ("https://aad.org/x?a=1&b=2", "external", None, "AAD"),
                (None, "page", "3", "Retinol guide"),
                (None, "document", "7", "Aftercare PDF"),
                ("mailto:hi@skinnotes.com", "email", None, "mail"),
                ("#faq", "anchor", None, "FAQ"),
                ("/relative/", None, None, "rel"),
            ],
        )

    def test_spans_cover_the_element_and_its_content(self):
        html = '<p>See <a href="https://x.com"><b>this</b> &amp; that</a>.</p>'
        (link,) = iter_links(html)
        self.assertIsInstance(link, RichTextLink)
        self.assertEqual(
            html[link.start : link.end], '<a href="https://x.com"><b>this</b> &amp; that</a>'
        )
        self.assertEqual(html[link.inner_start : link.inner_end], "<b>this</b> &amp; that")
        self.assertEqual(link.text, "this & that")

    def test_malformed_anchors(self):
        cases = {
            "unclosed at block end": ('<p><a href="#">open</p><p>next</p>', []),
            "a new anchor closes the open one": (
                '<p><a href="#x"><a href="#y">inner</a></p>',
                [("#x", ""), ("#y", "inner")],
            ),
            "quoted >": ('<p><a title="a>b" href="#z">t</a></p>', [("#z", "t")]),
            "upper case": ('<P><A HREF="#u">up</A></P>', [("#u", "up")]),
            "unquoted and single quotes": (
                "<a href=#q>q</a><a href='#s'>s</a>",
                [("#q", "q"), ("#s", "s")],
            ),
        }
        for name, (html, expected) in cases.items():
            with self.subTest(name):
                self.assertEqual([(link.href, link.text) for link in iter_links(html)], expected)


class TestIterBlocks(SimpleTestCase):
    """Block elements, their nesting and HTML's implicit closing."""

    def test_lists_nest_and_leaves_are_marked(self):
        html = "<p>a</p><ul><li>b<ul><li>c</li></ul></li></ul><h2>d</h2>"
        blocks = iter_blocks(html)
        self.assertEqual(
            [(block.tag, block.leaf, block.parent) for block in blocks],
            [
                ("p", True, None),
                ("ul", False, None),
                ("li", False, 1),
                ("ul", False, 2),
                ("li", True, 3),
                ("h2", True, None),
            ],
        )
        self.assertEqual(html[blocks[4].inner_start : blocks[4].inner_end], "c")

    def test_unclosed_p_and_li_close_at_the_next_sibling(self):
        html = "<ul><li>one<li>two</ul><p>three<p>four"
        inner = [html[b.inner_start : b.inner_end] for b in iter_blocks(html) if b.leaf]
        self.assertEqual(inner, ["one", "two", "three", "four"])

    def test_stray_closing_tags_are_ignored(self):
        html = "</p></li><p>ok</p></ul>"
        self.assertEqual([(b.tag, b.start, b.end) for b in iter_blocks(html)], [("p", 9, 18)])


class TestTextMap(SimpleTestCase):
    """Visible text with a map back to source offsets."""

    def test_tags_vanish_br_is_a_newline_and_entities_decode(self):
        html = "<p>Hi &amp; <b>bye</b><br/>next&nbsp;line</p>"
        text_map = TextMap(html, 3, len(html) - 4)
        self.assertEqual(text_map.text, "Hi & bye\nnext\xa0line")

    def test_offsets_round_trip(self):
        html = "<p>A &amp; <a href='#'>B</a> C</p>"
        text_map = TextMap(html, 3, len(html) - 4)
        index = text_map.text.index("B")
        self.assertEqual(html[text_map.source_start(index)], "B")
        self.assertEqual(text_map.text_index(text_map.source_start(index)), index)
        self.assertEqual(html[text_map.source_end(3) - 5 : text_map.source_end(3)], "&amp;")
        self.assertEqual(text_map.source_end(0), 3)
        self.assertEqual(text_map.source_start(len(text_map.text)), len(html) - 4)


class TestHelpers(SimpleTestCase):
    """Attributes, plain text and balanced cuts."""

    def test_parse_attrs_decodes_and_lowercases(self):
        self.assertEqual(
            parse_attrs(" HREF=\"a?x=1&amp;y=2\" data-k='v' hidden id=3"),
            {"href": "a?x=1&y=2", "data-k": "v", "hidden": "", "id": "3"},
        )

    def test_text_content_collapses_whitespace(self):
        self.assertEqual(text_content("<p> a\n<b>b</b>&nbsp; c </p>"), "a b c")

    def test_unpaired_tags_keep_a_cut_balanced(self):
        cases = {
            "</b> spam <a href='#'>x</a>.": "</b>",
            "<i>kept open, cut": "<i>",
            "<a href='#'>gone</a><br/>": "",
            "</i> b <b>": "</i><b>",
            "<!-- c -->text": "",
        }
        for fragment, expected in cases.items():
            with self.subTest(fragment):
                self.assertEqual(unpaired_tags(fragment), expected)
