"""Shared StreamField blocks, in dependency order: leaf blocks, composites, then the stream.

Block names (the keys in BodyStreamBlock and in each StructBlock) are stored in the page JSON
and read by the API: they are part of the public contract, so never rename them.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.utils import ErrorList
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from .timeframes import UNIT_CHOICES, phase_order_errors, timeframe_from

# Rich text in the body stays inline-level: headings come from HeadingBlock so that every
# heading gets an anchor and appears in the table of contents.
INLINE_FEATURES = ["bold", "italic", "link", "document-link", "superscript", "subscript"]
PARAGRAPH_FEATURES = [*INLINE_FEATURES, "ol", "ul"]

CITATION_REFS_RE = re.compile(r"^\s*\d+(\s*,\s*\d+)*\s*$")
DOI_RE = r"^10\.\d{4,9}/\S+$"
PMID_RE = r"^\d{1,9}$"


def parse_citation_refs(value: str) -> list[int]:
    """Turn "1, 3" into [1, 3]; blank gives []."""
    return [int(part) for part in re.findall(r"\d+", value or "")]


# --- Leaf and small blocks -------------------------------------------------------------------


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

    def anchor_for(self, value) -> str:
        return value.get("anchor") or slugify(value.get("text", "")) or "section"

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
        choices=[
            ("tip", _("Tip")),
            ("note", _("Note")),
            ("warning", _("Warning")),
            ("professional", _("See a professional")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    body = blocks.RichTextBlock(features=INLINE_FEATURES)

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


class FAQBlock(blocks.StructBlock):
    """Frequently asked questions."""

    heading = blocks.CharBlock(default="Frequently asked questions", max_length=120)
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

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


# --- Citations -------------------------------------------------------------------------------


class CitationBlock(blocks.StructBlock):
    """One reference: a study, guideline or book."""

    authors = blocks.CharBlock(
        required=False, max_length=300, help_text=_("E.g. 'Alster TS, Graham PM'.")
    )
    title = blocks.CharBlock(max_length=300)
    publisher = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Journal or publisher, e.g. 'Dermatologic Surgery'."),
    )
    year = blocks.IntegerBlock(required=False, min_value=1800, max_value=date.today().year + 1)
    doi = blocks.CharBlock(
        required=False,
        max_length=200,
        validators=[RegexValidator(DOI_RE, _("A DOI looks like 10.1097/DSS.0000000000000000."))],
        label="DOI",
    )
    pmid = blocks.CharBlock(
        required=False,
        max_length=12,
        validators=[RegexValidator(PMID_RE, _("A PubMed ID is digits only."))],
        label="PMID",
    )
    url = blocks.URLBlock(required=False, label="URL")

    class Meta:
        icon = "doc-full"


class CitationsBlock(blocks.StructBlock):
    """Numbered references; benefit items point at them by number."""

    heading = blocks.CharBlock(default="References", max_length=120)
    items = blocks.ListBlock(CitationBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/citations_block.html"
        label = _("Citations")
        description = _("Numbered references to studies and guidelines.")
        preview_value = {
            "heading": "References",
            "items": [
                {
                    "authors": "Example A, Sample B",
                    "title": "Collagen induction therapy for atrophic acne scars",
                    "publisher": "Journal of Example Dermatology",
                    "year": 2021,
                    "doi": "10.1000/example.2021.1",
                    "pmid": "",
                    "url": "",
                }
            ],
        }


# --- Benefits --------------------------------------------------------------------------------


class BenefitValue(blocks.StructValue):
    """A benefit's value, with its citation numbers parsed."""

    def citation_refs(self) -> list[int]:
        return parse_citation_refs(self.get("citations", ""))


class BenefitBlock(blocks.StructBlock):
    """One numbered benefit: a title and its explanation."""

    title = blocks.CharBlock(max_length=160)
    explanation = blocks.RichTextBlock(features=[*INLINE_FEATURES, "ul"])
    citations = blocks.CharBlock(
        required=False,
        max_length=60,
        validators=[
            RegexValidator(CITATION_REFS_RE, _("Use reference numbers like '1' or '1, 3'."))
        ],
        help_text=_("Numbers of the references that support this benefit, e.g. '1, 3'."),
    )

    class Meta:
        value_class = BenefitValue


class BenefitsBlock(blocks.StructBlock):
    """A numbered list of benefits with explanations."""

    heading = blocks.CharBlock(max_length=160)
    intro = blocks.RichTextBlock(required=False, features=INLINE_FEATURES)
    items = blocks.ListBlock(BenefitBlock(), min_num=1, label=_("Benefits"))

    class Meta:
        icon = "list-ol"
        template = "blocks/benefits_block.html"
        label = _("Benefits")
        description = _("Numbered benefits, each with a title and explanation.")
        preview_value = {
            "heading": "Benefits of a gentle routine",
            "intro": "",
            "items": [
                {
                    "title": "Calmer skin",
                    "explanation": "<p>Less irritation day to day.</p>",
                    "citations": "",
                },
                {
                    "title": "Better hydration",
                    "explanation": "<p>A stronger barrier holds water.</p>",
                    "citations": "",
                },
            ],
        }


# --- Phases ----------------------------------------------------------------------------------


class TimeframeBlock(blocks.StructBlock):
    """An amount of time after treatment; leave the value blank for open-ended."""

    value = blocks.IntegerBlock(required=False, min_value=0, max_value=1000)
    unit = blocks.ChoiceBlock(choices=UNIT_CHOICES, default="days")

    class Meta:
        icon = "time"
        form_classname = "timeframe-block"


class PhaseBlock(blocks.StructBlock):
    """One phase of a process, e.g. the inflammatory phase of healing."""

    name = blocks.CharBlock(max_length=120, help_text=_("E.g. 'Inflammatory phase'."))
    label = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text=_("How readers should read the timing, e.g. 'within a few days'."),
    )
    start = TimeframeBlock(help_text=_("When the phase begins after treatment (0 = immediately)."))
    end = TimeframeBlock(
        required=False, help_text=_("When it ends; leave the value blank if it is ongoing.")
    )
    description = blocks.RichTextBlock(features=INLINE_FEATURES)

    def clean(self, value):
        value = super().clean(value)
        if timeframe_from(value.get("start")) is None:
            raise StructBlockValidationError(
                block_errors={
                    "start": ValidationError(_("Say when this phase starts (0 for immediately)."))
                }
            )
        return value


class PhasesBlock(blocks.StructBlock):
    """Ordered phases with timeframes, shown as a timeline."""

    heading = blocks.CharBlock(max_length=160)
    intro = blocks.RichTextBlock(required=False, features=INLINE_FEATURES)
    items = blocks.ListBlock(PhaseBlock(), min_num=1, label=_("Phases"))

    def clean(self, value):
        value = super().clean(value)
        spans = [
            (timeframe_from(p.get("start")), timeframe_from(p.get("end"))) for p in value["items"]
        ]
        errors = phase_order_errors(spans)
        if errors:
            # The message lands on the offending phase, so the editor sees which one to fix.
            phase_errors = {
                e.index: StructBlockValidationError(
                    non_block_errors=ErrorList([ValidationError(e.message)])
                )
                for e in errors
            }
            raise StructBlockValidationError(
                block_errors={"items": ListBlockValidationError(block_errors=phase_errors)}
            )
        return value

    class Meta:
        icon = "time"
        template = "blocks/phases_block.html"
        label = _("Phases")
        description = _("A timeline of phases, each with when it starts and ends.")
        preview_value = {
            "heading": "Recovery timeline",
            "intro": "",
            "items": [
                {
                    "name": "Inflammatory phase",
                    "label": "straight away",
                    "start": {"value": 0, "unit": "hours"},
                    "end": {"value": 3, "unit": "days"},
                    "description": "<p>Redness and warmth as healing starts.</p>",
                },
                {
                    "name": "Remodelling phase",
                    "label": "over the following months",
                    "start": {"value": 3, "unit": "weeks"},
                    "end": {"value": None, "unit": "months"},
                    "description": "<p>New collagen matures and firms the skin.</p>",
                },
            ],
        }


# --- The body stream -------------------------------------------------------------------------


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
