"""Leaf and small blocks: headings, images, quotes, callouts, FAQs, and the rich-text features."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from .representation import ANCHOR, list_items, numbered, rendering_of, text

# Rich text in the body stays inline-level: headings come from HeadingBlock so that every
# heading gets an anchor and appears in the table of contents.
INLINE_FEATURES = ["bold", "italic", "link", "document-link", "superscript", "subscript"]
PARAGRAPH_FEATURES = [*INLINE_FEATURES, "ol", "ul"]
CALLOUT_CHOICES = [
    ("tip", _("Tip")),
    ("note", _("Note")),
    ("warning", _("Warning")),
    ("professional", _("See a professional")),
]
CALLOUT_KINDS = frozenset(kind for kind, _label in CALLOUT_CHOICES)


def heading_anchor(value) -> str:
    """A heading's anchor: the one the editor gave, else a slug of its text."""
    return value.get("anchor") or slugify(value.get("text", "")) or "section"


class SectionBlockMixin:
    """A block that renders its own <h2> section heading, so it has an anchor in the page.

    In the API it is its anchor and heading, its intro when it has one, and its items (with
    their 1-based position unless `numbered_items` is off).
    """

    numbered_items = True

    def get_api_representation(self, value, context=None):
        if (rendering := rendering_of(context)) is None:
            return super().get_api_representation(value, context)
        shape = {"anchor": context.get(ANCHOR), "heading": text(value.get("heading"))}
        if "intro" in self.child_blocks:
            shape["intro"] = rendering.render(value.get("intro"))
        item_block = self.child_blocks["items"].child_block
        if self.numbered_items:
            shape["items"] = numbered(item_block, value.get("items"), context)
        else:
            shape["items"] = [
                item_block.get_api_representation(item, context)
                for item in list_items(value.get("items"))
            ]
        return shape


class HeadingBlock(blocks.StructBlock):
    """A section heading with an anchor id, listed in the table of contents."""

    text = blocks.CharBlock(max_length=120, help_text=_("Keep it short and descriptive."))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
        help_text=_("H2 for sections, H3 for parts of a section."),
    )
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        validators=[
            RegexValidator(r"^[a-z0-9][a-z0-9-]*$", _("Use lowercase letters, digits and hyphens."))
        ],
        help_text=_(
            "Optional link target, e.g. 'aftercare'. Left blank, it is made from the text."
        ),
    )

    def get_api_representation(self, value, context=None):
        if rendering_of(context) is None:
            return super().get_api_representation(value, context)
        return {
            "text": text(value.get("text")),
            "level": 3 if value.get("level") == "h3" else 2,
            "anchor": context.get(ANCHOR) or heading_anchor(value),
        }

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading; appears in the table of contents.")
        preview_value = {"text": "How microneedling works", "level": "h2", "anchor": ""}


class ImageFigureBlock(blocks.StructBlock):
    """An image with required alt text and an optional caption."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=_("Describe what the image shows for readers using screen readers."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)
    attribution = blocks.CharBlock(required=False, max_length=120, help_text=_("Photo credit."))

    def get_preview_value(self):
        # The picker preview uses the newest image in the library, if there is one.
        image = get_image_model().objects.order_by("-created_at").first()
        return self.normalize(
            {"image": image, "alt_text": "Example image", "caption": "A caption", "attribution": ""}
        )

    def get_api_representation(self, value, context=None):
        if (rendering := rendering_of(context)) is None:
            return super().get_api_representation(value, context)
        return {
            "image": rendering.image(value.get("image"), text(value.get("alt_text"))),
            "caption": text(value.get("caption")),
            "attribution": text(value.get("attribution")),
        }

    class Meta:
        icon = "image"
        template = "blocks/image_figure_block.html"
        label = _("Image")
        description = _("An image with alt text and caption.")


class QuoteBlock(blocks.StructBlock):
    """A pull quote or expert quote with attribution."""

    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)
    role = blocks.CharBlock(required=False, max_length=120, help_text=_("E.g. 'Dermatologist'."))

    def get_api_representation(self, value, context=None):
        if rendering_of(context) is None:
            return super().get_api_representation(value, context)
        return {name: text(value.get(name)) for name in ("quote", "attribution", "role")}

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")
        description = _("A highlighted quotation with attribution.")
        preview_value = {
            "quote": "Consistency beats intensity: gentle care every day does more than a harsh "
            "treatment once a month.",
            "attribution": "A. Example",
            "role": "Licensed esthetician",
        }


class CalloutBlock(blocks.StructBlock):
    """A boxed tip, note, warning or 'see a professional' advice."""

    kind = blocks.ChoiceBlock(
        choices=CALLOUT_CHOICES,
        default="tip",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    body = blocks.RichTextBlock(features=INLINE_FEATURES)

    def get_api_representation(self, value, context=None):
        if (rendering := rendering_of(context)) is None:
            return super().get_api_representation(value, context)
        kind = value.get("kind")
        return {
            "kind": kind if kind in CALLOUT_KINDS else "note",
            "title": text(value.get("title")),
            "html": rendering.render(value.get("body")),
        }

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = _("Callout")
        description = _("A highlighted tip, warning or 'see a professional' box.")
        preview_value = {
            "kind": "professional",
            "title": "When to see a dermatologist",
            "body": "<p>Book an appointment if redness lasts longer than a week.</p>",
        }


class FAQItemBlock(blocks.StructBlock):
    """One question and its answer."""

    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)

    def get_api_representation(self, value, context=None):
        if (rendering := rendering_of(context)) is None:
            return super().get_api_representation(value, context)
        return {
            "question": text(value.get("question")),
            "answer": rendering.render(value.get("answer")),
        }


class FAQBlock(SectionBlockMixin, blocks.StructBlock):
    """Frequently asked questions."""

    heading = blocks.CharBlock(default="Frequently asked questions", max_length=120)
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)
    numbered_items = False

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        label = _("FAQ")
        description = _("Questions and answers; emitted as FAQ structured data.")
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Does microneedling hurt?",
                    "answer": "<p>Most people feel mild pressure with a numbing cream.</p>",
                }
            ],
        }
