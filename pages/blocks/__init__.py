"""Shared StreamField blocks, in dependency order: leaf blocks, composites, then the stream.

Block names (the keys in BodyStreamBlock and in each StructBlock) are stored in the page JSON
and read by the API: they are part of the public contract, so never rename them.
"""

from .basic import (
    INLINE_FEATURES,
    PARAGRAPH_FEATURES,
    CalloutBlock,
    FAQBlock,
    FAQItemBlock,
    HeadingBlock,
    ImageFigureBlock,
    QuoteBlock,
)
from .evidence import (
    CITATION_REFS_RE,
    DOI_RE,
    PMID_RE,
    BenefitBlock,
    BenefitsBlock,
    BenefitValue,
    CitationBlock,
    CitationsBlock,
    missing_citation_refs,
    parse_citation_refs,
)
from .phases import PhaseBlock, PhasesBlock, TimeframeBlock
from .stream import BodyStreamBlock

__all__ = [
    "CITATION_REFS_RE",
    "DOI_RE",
    "INLINE_FEATURES",
    "PARAGRAPH_FEATURES",
    "PMID_RE",
    "BenefitBlock",
    "BenefitValue",
    "BenefitsBlock",
    "BodyStreamBlock",
    "CalloutBlock",
    "CitationBlock",
    "CitationsBlock",
    "FAQBlock",
    "FAQItemBlock",
    "HeadingBlock",
    "ImageFigureBlock",
    "PhaseBlock",
    "PhasesBlock",
    "QuoteBlock",
    "TimeframeBlock",
    "missing_citation_refs",
    "parse_citation_refs",
]
