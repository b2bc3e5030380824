"""The body stream shared by articles, reviews and standard pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

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


class BodyStreamBlock(blocks.StreamBlock):
    """The body of articles, reviews and standard pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
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
    embed = EmbedBlock(
        template="blocks/embed_block.html",
        icon="media",
        label=_("Embed"),
        description=_("A video or post from YouTube, Vimeo and similar, by URL."),
        # The real preview would fetch from the provider; the picker shows a static card instead.
        preview_template="blocks/previews/embed_preview.html",
    )

    class Meta:
        block_counts = {"citations": {"max_num": 1}}
