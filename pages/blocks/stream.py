"""The body stream shared by articles, reviews and standard pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.api.rich_text import APIRichText
from wagtail.embeds.blocks import EmbedBlock

from ..richtext import safe_url, sanitise_html, sanitise_stream
from ..streamwalk import iter_richtext, rewrite_leaves
from .basic import (
    PARAGRAPH_FEATURES,
    CalloutBlock,
    FAQBlock,
    HeadingBlock,
    ImageFigureBlock,
    QuoteBlock,
)
from .evidence import BenefitsBlock, CitationsBlock
from .phases import PhasesBlock
from .representation import rendering_of, text


class ParagraphBlock(blocks.RichTextBlock):
    """Body text; typed in the API as its public, sanitised HTML."""

    # Only the API representation is added: migrations keep seeing Wagtail's own block.
    canonical_module_path = "wagtail.blocks.RichTextBlock"

    def get_api_representation(self, value, context=None):
        if (rendering := rendering_of(context)) is None:
            return super().get_api_representation(value, context)
        return {"html": rendering.render(text(value))}


class BodyEmbedBlock(EmbedBlock):
    """A video or post by URL; typed in the API as the URL, when it is http(s)."""

    canonical_module_path = "wagtail.embeds.blocks.EmbedBlock"

    def get_api_representation(self, value, context=None):
        if rendering_of(context) is None:
            return super().get_api_representation(value, context)
        return {"url": safe_url(text(value))}


class BodyStreamBlock(blocks.StreamBlock):
    """The body of articles, reviews and standard pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(
        features=PARAGRAPH_FEATURES,
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        label=_("Paragraph"),
        description=_("Body text with links and lists."),
        preview_value="<p>Microneedling creates tiny channels that prompt the skin to repair itself.</p>",
    )
    image = ImageFigureBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    benefits = BenefitsBlock()
    phases = PhasesBlock()
    citations = CitationsBlock()
    faq = FAQBlock()
    embed = BodyEmbedBlock(
        template="blocks/embed_block.html",
        icon="media",
        label=_("Embed"),
        description=_("A video or post from YouTube, Vimeo and similar, by URL."),
        # The real preview would fetch from the provider; the picker shows a static card instead.
        preview_template="blocks/previews/embed_preview.html",
    )

    class Meta:
        block_counts = {"citations": {"max_num": 1}}

    def sanitised(self, value):
        """The value with its rich text and URLs through the one sanitiser (the same object when
        it is already clean, as everything saved since sanitise-on-save is)."""
        if value is None:
            return value
        raw = list(value.raw_data)
        clean = sanitise_stream(self, raw)
        return value if clean is raw else self.to_python(clean)

    def get_searchable_content(self, value):
        # A row written around save() may still hold markup Python's HTML parser rejects
        # (an unterminated "<![" section), which stopped indexing the page.
        return super().get_searchable_content(self.sanitised(value))

    def get_api_representation(self, value, context=None):
        """The body for Wagtail's API v2, sanitised whatever rich text format is asked for.

        The stored value is sanitised first, so every format (HTML, stored HTML, Markdown) is
        derived from clean content; the HTML format then goes through the output sanitiser too,
        since expanding references can add markup (an embed's provider HTML).
        """
        data = super().get_api_representation(self.sanitised(value), context)
        request = context.get("request") if context else None
        requested = request.GET.get("rich_text_format") if request else None
        if APIRichText.resolve_format(requested) == APIRichText.FORMAT_HTML:
            data, _ = rewrite_leaves(
                self, data, lambda leaf: sanitise_html(leaf.value), iter_richtext(self, data)
            )
        return data
