"""Derived facts about a body stream: text, word count, reading time, table of contents.

These work on the stream's raw JSON (a list of {"type", "value"} dicts) so they never hit the
database (no image or page lookups) and can run on any revision's content.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from wagtail import blocks

from .blocks import BodyStreamBlock
from .blocks.basic import SectionBlockMixin, heading_anchor
from .blocks.evidence import parse_citation_refs
from .streamwalk import iter_leaves, list_item_value

WORDS_PER_MINUTE = 225
_TAG_RE = re.compile(r"<[^>]+>")
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
BODY = BodyStreamBlock()
# Readable text is what text blocks hold, less the identifiers kept in text fields.
_PROSE_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)
# A benefit's "citations" holds reference numbers ("1, 3"), not prose.
_IDENTIFIERS = frozenset({"anchor", "doi", "pmid", "citations"})
# Blocks that render their own section heading (an <h2>) and so belong in the contents.
SECTION_BLOCKS = frozenset(
    name for name, block in BODY.child_blocks.items() if isinstance(block, SectionBlockMixin)
)


@dataclass(frozen=True)
class TocEntry:
    """One heading in the table of contents."""

    text: str
    anchor: str
    level: int
    block_id: str = ""


def html_to_text(markup: str) -> str:
    """Plain text of a rich-text fragment, tags stripped and entities decoded."""
    return html.unescape(_TAG_RE.sub(" ", markup or ""))


def stream_text(raw_stream: Iterable[dict], stream_block: blocks.StreamBlock = BODY) -> str:
    """All readable text of a stream, for word counts and search."""
    parts = (
        html_to_text(leaf.value)
        for leaf in iter_leaves(stream_block, list(raw_stream or ()))
        if isinstance(leaf.block, _PROSE_BLOCKS)
        and isinstance(leaf.value, str)
        and leaf.path.rpartition(".")[2] not in _IDENTIFIERS
    )
    return " ".join(p.strip() for p in parts if p and p.strip())


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def reading_minutes(words: int) -> int:
    """Minutes to read at an average adult pace, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class ReadingFacts:
    """How long a page is to read: stored on the page, shown by the site and the API."""

    words: int
    minutes: int


def reading_facts(*texts: str) -> ReadingFacts:
    """Words and minutes of everything a reader reads on a page: the body's text and the text
    shown beside it (a review's verdict, pros and cons), each given as plain text."""
    words = sum(word_count(text) for text in texts if text)
    return ReadingFacts(words=words, minutes=reading_minutes(words))


@dataclass(frozen=True)
class CitationLinks:
    """Where each benefit cites its references, and the way back from each reference.

    markers: top-level block id -> benefit index -> [(reference number, marker id)];
    backlinks: reference number -> the marker ids that cite it, in reading order.
    """

    markers: dict[str, dict[int, list[tuple[int, str]]]]
    backlinks: dict[int, list[str]]


def citation_links(raw_stream: Iterable[dict]) -> CitationLinks:
    """Marker ids for the citation numbers of every benefit, unique on the page, so the text
    links to its references and each reference links back to every place that cites it."""
    markers: dict[str, dict[int, list[tuple[int, str]]]] = {}
    backlinks: dict[int, list[str]] = {}
    for block in raw_stream or ():
        if block.get("type") != "benefits":
            continue
        items = (block.get("value") or {}).get("items") or []
        for index, item in enumerate(items):
            refs = parse_citation_refs((list_item_value(item) or {}).get("citations", ""))
            for ref in refs:
                marker = f"cite-{ref}-{len(backlinks.get(ref, ())) + 1}"
                backlinks.setdefault(ref, []).append(marker)
                markers.setdefault(block.get("id", ""), {}).setdefault(index, []).append(
                    (ref, marker)
                )
    return CitationLinks(markers=markers, backlinks=backlinks)


def table_of_contents(raw_stream: Iterable[dict]) -> list[TocEntry]:
    """Section headings in order, with anchors made unique the way the templates render them."""
    entries: list[TocEntry] = []
    seen: dict[str, int] = {}
    for block in raw_stream or ():
        kind = block.get("type")
        value = block.get("value") or {}
        if kind in SECTION_BLOCKS and value.get("heading"):
            value = {"text": value["heading"], "level": "h2", "anchor": ""}
        elif kind != "heading":
            continue
        anchor = heading_anchor(value)
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        if count:
            anchor = f"{anchor}-{count + 1}"
        level = 3 if value.get("level") == "h3" else 2
        entries.append(
            TocEntry(
                text=value.get("text", ""), anchor=anchor, level=level, block_id=block.get("id", "")
            )
        )
    return entries
