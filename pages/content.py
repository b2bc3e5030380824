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
from .streamwalk import iter_leaves

WORDS_PER_MINUTE = 225
_TAG_RE = re.compile(r"<[^>]+>")
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
BODY = BodyStreamBlock()
# Readable text is what text blocks hold, less the identifiers kept in text fields.
_PROSE_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock)
_IDENTIFIERS = frozenset({"anchor", "doi", "pmid"})
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
