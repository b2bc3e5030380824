"""Derived facts about a body stream: text, word count, reading time, table of contents.

These work on the stream's raw JSON (a list of {"type", "value"} dicts) so they never hit the
database (no image or page lookups) and can run on any revision's content.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.text import slugify

WORDS_PER_MINUTE = 225
_TAG_RE = re.compile(r"<[^>]+>")
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")
_TEXT_KEYS_TO_SKIP = frozenset(
    {"level", "anchor", "kind", "unit", "doi", "pmid", "url", "image", "year"}
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


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in _TEXT_KEYS_TO_SKIP:
                yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            # ListBlock items are stored as {"type": "item", "value": ..., "id": ...}.
            yield from _strings(
                child.get("value") if isinstance(child, dict) and "value" in child else child
            )


def stream_text(raw_stream: Iterable[dict]) -> str:
    """All readable text of a stream, for word counts and search."""
    parts = [html_to_text(s) for block in raw_stream or () for s in _strings(block.get("value"))]
    return " ".join(p.strip() for p in parts if p and p.strip())


def word_count(text: str) -> int:
    return len(_WORD_RE.findall(text))


def reading_minutes(words: int) -> int:
    """Minutes to read at an average adult pace, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def heading_anchor(value: dict) -> str:
    return value.get("anchor") or slugify(value.get("text", "")) or "section"


# Blocks that render their own section heading (an <h2>) and so belong in the contents.
SECTION_BLOCKS = frozenset({"benefits", "phases", "faq", "citations"})


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
