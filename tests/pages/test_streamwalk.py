from django.test import SimpleTestCase
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from pages.blocks import BodyStreamBlock
from pages.streamwalk import iter_leaves, iter_richtext, rewrite_richtext


class NestedStream(blocks.StreamBlock):
    """A deeper shape than the body uses: a stream inside a struct inside a list."""

    section = blocks.StructBlock(
        [
            ("title", blocks.CharBlock()),
            (
                "parts",
                blocks.ListBlock(
                    blocks.StructBlock(
                        [("inner", blocks.StreamBlock([("text", blocks.RichTextBlock())]))]
                    )
                ),
            ),
        ]
    )


RAW = [
    {"type": "paragraph", "value": "<p>One</p>", "id": "p1"},
    {
        "type": "benefits",
        "value": {
            "heading": "B",
            "intro": "<p>Intro</p>",
            "items": [
                {
                    "type": "item",
                    "value": {"title": "T", "explanation": "<p>Two</p>", "citations": ""},
                    "id": "i1",
                },
                {
                    "type": "item",
                    "value": {"title": "U", "explanation": "<p>Three</p>", "citations": ""},
                    "id": "i2",
                },
            ],
        },
        "id": "b1",
    },
    {
        "type": "citations",
        "value": {
            "heading": "R",
            "items": [{"title": "S", "url": "https://doi.org/x", "doi": "10.1/x"}],
        },
        "id": "c1",
    },
]


class TestIterRichtext(SimpleTestCase):
    def test_finds_rich_text_at_every_depth_with_paths(self):
        found = [
            (leaf.path, leaf.value, leaf.block_id) for leaf in iter_richtext(BodyStreamBlock(), RAW)
        ]
        self.assertEqual(
            found,
            [
                ("0.paragraph", "<p>One</p>", "p1"),
                ("1.benefits.intro", "<p>Intro</p>", "b1"),
                ("1.benefits.items.0.explanation", "<p>Two</p>", "b1"),
                ("1.benefits.items.1.explanation", "<p>Three</p>", "b1"),
            ],
        )

    def test_url_leaves_are_typed(self):
        urls = [
            leaf.value
            for leaf in iter_leaves(BodyStreamBlock(), RAW)
            if isinstance(leaf.block, blocks.URLBlock)
        ]
        self.assertEqual(urls, ["https://doi.org/x"])

    def test_unknown_block_types_are_skipped(self):
        raw = [{"type": "retired_block", "value": "<p>x</p>", "id": "z"}, *RAW[:1]]
        self.assertEqual(
            [leaf.path for leaf in iter_richtext(BodyStreamBlock(), raw)], ["1.paragraph"]
        )


class TestRewriteRichtext(SimpleTestCase):
    def test_rewrites_only_changed_leaves_and_leaves_input_alone(self):
        new_raw, changes = rewrite_richtext(
            BodyStreamBlock(), RAW, lambda leaf: leaf.value.replace("Two", "2")
        )
        self.assertEqual([leaf.path for leaf, _ in changes], ["1.benefits.items.0.explanation"])
        self.assertEqual(new_raw[1]["value"]["items"][0]["value"]["explanation"], "<p>2</p>")
        self.assertEqual(RAW[1]["value"]["items"][0]["value"]["explanation"], "<p>Two</p>")
        self.assertEqual(new_raw[0], RAW[0])

    def test_no_change_returns_the_same_object(self):
        new_raw, changes = rewrite_richtext(BodyStreamBlock(), RAW, lambda leaf: leaf.value)
        self.assertIs(new_raw, RAW)
        self.assertEqual(changes, [])

    def test_nested_stream_inside_list_inside_struct(self):
        raw = [
            {
                "type": "section",
                "value": {
                    "title": "S",
                    "parts": [
                        {
                            "type": "item",
                            "value": {
                                "inner": [{"type": "text", "value": "<p>deep</p>", "id": "t"}]
                            },
                            "id": "l",
                        }
                    ],
                },
                "id": "s1",
            }
        ]
        paths = [leaf.path for leaf in iter_richtext(NestedStream(), raw)]
        self.assertEqual(paths, ["0.section.parts.0.inner.0.text"])
        new_raw, _ = rewrite_richtext(NestedStream(), raw, lambda leaf: "<p>DEEP</p>")
        self.assertEqual(
            new_raw[0]["value"]["parts"][0]["value"]["inner"][0]["value"], "<p>DEEP</p>"
        )

    def test_legacy_bare_list_values(self):
        raw = [
            {
                "type": "benefits",
                "value": {
                    "heading": "B",
                    "intro": "",
                    "items": [{"title": "T", "explanation": "<p>x</p>", "citations": ""}],
                },
                "id": "b",
            }
        ]
        new_raw, changes = rewrite_richtext(BodyStreamBlock(), raw, lambda leaf: leaf.value.upper())
        self.assertEqual([leaf.path for leaf, _ in changes], ["0.benefits.items.0.explanation"])
        self.assertEqual(new_raw[0]["value"]["items"][0]["explanation"], "<P>X</P>")

    def test_walking_for_some_block_types_finds_what_a_full_walk_finds(self):
        body = BodyStreamBlock()
        raw = [*RAW, {"type": "image", "value": {"image": 4, "alt_text": "A"}, "id": "im"}]
        for kinds in ((blocks.RichTextBlock,), (blocks.URLBlock,), (ImageChooserBlock,)):
            with self.subTest(kinds=kinds):
                full = [
                    (leaf.path, leaf.value, leaf.block_id)
                    for leaf in iter_leaves(body, raw)
                    if isinstance(leaf.block, kinds)
                ]
                found = [
                    (leaf.path, leaf.value, leaf.block_id) for leaf in iter_leaves(body, raw, kinds)
                ]
                self.assertTrue(full)
                self.assertEqual(found, full)
