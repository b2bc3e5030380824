"""Evidence blocks: numbered citations and the benefits that cite them."""

from __future__ import annotations

import re
from datetime import date

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..citations import doi_url, pubmed_url
from ..richtext import safe_url
from ..validators import validate_web_url
from .basic import INLINE_FEATURES, SectionBlockMixin
from .representation import rendering_of, text

CITATION_REFS_RE = re.compile(r"^\s*\d+(\s*,\s*\d+)*\s*$")
DOI_RE = r"^10\.\d{4,9}/\S+$"
PMID_RE = r"^\d{1,9}$"


def parse_citation_refs(value: str) -> list[int]:
    """Turn "1, 3" into [1, 3]; blank gives []."""
    return [int(part) for part in re.findall(r"\d+", value or "")]


def missing_citation_refs(raw_stream: list, count: int) -> list[int]:
    """Citation numbers that benefits in a stored body cite but a citations block of ``count``
    references does not hold."""
    refs = {
        ref
        for block in raw_stream
        if block["type"] == "benefits"
        for item in block["value"].get("items", [])
        for ref in parse_citation_refs((item.get("value") or {}).get("citations", ""))
    }
    return sorted(ref for ref in refs if ref < 1 or ref > count)


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
    url = blocks.URLBlock(required=False, label="URL", validators=[validate_web_url])

    def link_for(self, value) -> str:
        """Where readers follow the reference: its URL, else its DOI or PubMed page."""
        if url := safe_url(value.get("url")):
            return url
        if doi := text(value.get("doi")).strip():
            return doi_url(doi)
        if pmid := text(value.get("pmid")).strip():
            return pubmed_url(pmid)
        return ""

    def get_api_representation(self, value, context=None):
        if rendering_of(context) is None:
            return super().get_api_representation(value, context)
        year = value.get("year")
        return {
            **{name: text(value.get(name)) for name in ("authors", "title", "publisher")},
            "year": year if isinstance(year, int) else None,
            "doi": text(value.get("doi")),
            "pmid": text(value.get("pmid")),
            "url": self.link_for(value),
        }

    class Meta:
        icon = "doc-full"


class CitationsBlock(SectionBlockMixin, blocks.StructBlock):
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

    def get_api_representation(self, value, context=None):
        if (rendering := rendering_of(context)) is None:
            return super().get_api_representation(value, context)
        return {
            "title": text(value.get("title")),
            "explanation": rendering.render(value.get("explanation")),
            "citations": parse_citation_refs(text(value.get("citations"))),
        }

    class Meta:
        value_class = BenefitValue


class BenefitsBlock(SectionBlockMixin, blocks.StructBlock):
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
