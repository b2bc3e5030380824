"""Typed blocks from classified body lines: benefits, phases, FAQs, callouts, citations, review
sections, then headings and paragraphs; stored in the JSON shape of pages/blocks/."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from importer.parser.lines import BodyLine
from importer.parser.model import Benefit, Phase, Spec
from importer.parser.structure.markup import _plain, p_html
from importer.parser.structure.prose import ProseSections
from importer.parser.structure.references import ReferenceSections, parse_reference
from importer.parser.structure.timeline import TimelineSections

__all__ = ["Builder", "Built", "_plain", "p_html", "parse_reference"]


@dataclass
class Built:
    blocks: list[dict] = field(default_factory=list)
    body_text: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    pros: list[str] = field(default_factory=list)
    cons: list[str] = field(default_factory=list)
    specs: list[Spec] = field(default_factory=list)
    verdict: str = ""
    conclusion: str = ""
    rating: tuple[float, int] | None = None


class Builder(ProseSections, ReferenceSections, TimelineSections):
    """One pass over the body lines, trying the typed builders at each position."""

    def __init__(self, lines: list[BodyLine], key: str, is_review: bool, title: str = "") -> None:
        self.lines = lines
        self.key = key
        self.is_review = is_review
        self.title = title
        self.out = Built()
        self._ids = 0

    def block(self, kind: str, value) -> None:
        self._ids += 1
        block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.key}#{self._ids}"))
        self.out.blocks.append({"type": kind, "value": value, "id": block_id})

    def item(self, value: dict) -> dict:
        self._ids += 1
        return {
            "type": "item",
            "value": value,
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.key}#i{self._ids}")),
        }

    def run(self) -> Built:
        i = 0
        while i < len(self.lines):
            consumed = (
                self.review_section(i)
                or self.citations(i)
                or self.faq(i)
                or self.phase_items(i)
                or self.phase_headings(i)
                or self.benefit_run(i)
                or self.callout(i)
                or self.plain(i)
            )
            i += consumed
        self.study_notes()
        return self.out

    # --- helpers ---------------------------------------------------------------------------

    def section_end(self, start: int) -> int:
        j = start
        while j < len(self.lines) and self.lines[j].kind != "heading":
            j += 1
        return j

    def take_block_heading(self, default: str) -> tuple[str, str]:
        """Use a heading (and a lead-in ending in ':') just emitted as the typed block's own."""
        intro = ""
        blocks = self.out.blocks
        if (
            blocks
            and blocks[-1]["type"] == "paragraph"
            and _plain(blocks[-1]["value"]).endswith(":")
        ):
            intro = blocks.pop()["value"]
        if blocks and blocks[-1]["type"] == "heading":
            text = blocks.pop()["value"]["text"]
            # The heading now belongs to the typed block, not to the plain outline.
            if self.out.headings and self.out.headings[-1][:120] == text:
                self.out.headings.pop()
            return text, intro
        return default, intro

    def lead(self, i: int) -> str:
        """The heading or paragraph just before position i, for context."""
        return self.lines[i - 1].text if i > 0 else ""

    # --- builders --------------------------------------------------------------------------
