"""The body stream as typed blocks, from the stored JSON (no per-block database lookups).

Working on raw data keeps the query count fixed: images are looked up once for the whole body
and rich-text links are resolved in bulk by the caller's RichTextRenderer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pages.blocks import parse_citation_refs
from pages.content import SECTION_BLOCKS, heading_anchor, table_of_contents
from pages.richtext import safe_url
from pages.timeframes import timeframe_from

CALLOUT_KINDS = frozenset({"tip", "note", "warning", "professional"})
Render = Callable[[str | None], str]
ImageOut = Callable[[int | None, str], dict[str, Any] | None]


def list_items(value: Any) -> list[dict]:
    """ListBlock children, whether stored as {"type": "item", "value": ...} or bare values."""
    items = []
    for child in value or ():
        if isinstance(child, dict) and child.get("type") == "item" and "value" in child:
            child = child["value"]
        if isinstance(child, dict):
            items.append(child)
    return items


def image_ids(raw_stream: Iterable[dict]) -> set[int]:
    return {
        block["value"]["image"]
        for block in raw_stream or ()
        if block.get("type") == "image"
        and isinstance(block.get("value"), dict)
        and isinstance(block["value"].get("image"), int)
    }


def rich_text_fragments(raw_stream: Iterable[dict]) -> Iterator[str]:
    """Every rich-text value in the body, for resolving their links in one go."""
    for block in raw_stream or ():
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph" and isinstance(value, str):
            yield value
        elif kind == "callout" and isinstance(value, dict):
            yield value.get("body") or ""
        elif kind in ("benefits", "phases") and isinstance(value, dict):
            yield value.get("intro") or ""
            for item in list_items(value.get("items")):
                yield item.get("explanation") or item.get("description") or ""
        elif kind == "faq" and isinstance(value, dict):
            for item in list_items(value.get("items")):
                yield item.get("answer") or ""


def citation_url(item: dict) -> str:
    if url := safe_url(item.get("url")):
        return url
    if doi := (item.get("doi") or "").strip():
        return f"https://doi.org/{doi}"
    if pmid := (item.get("pmid") or "").strip():
        return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
    return ""


def _iso(value: dict | None) -> str | None:
    timeframe = timeframe_from(value)
    return timeframe.iso8601() if timeframe else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def body_blocks(raw_stream: list[dict], render: Render, image: ImageOut) -> list[dict[str, Any]]:
    """Typed block dicts in body order; unknown block types are skipped, not guessed at."""
    # The site renders each block with anchors[block.id] (see includes/body.html), so do we.
    anchors = {e.block_id: e.anchor for e in table_of_contents(raw_stream) if e.block_id}
    blocks: list[dict[str, Any]] = []
    for block in raw_stream or ():
        kind, value, block_id = block.get("type"), block.get("value"), str(block.get("id", ""))
        head = {"type": kind, "id": block_id}
        if kind in SECTION_BLOCKS and isinstance(value, dict):
            head["anchor"] = anchors.get(block_id)
        if kind == "paragraph":
            blocks.append({**head, "html": render(_text(value))})
            continue
        if kind == "embed":
            blocks.append({**head, "url": safe_url(_text(value))})
            continue
        if not isinstance(value, dict):
            continue
        if kind == "heading":
            blocks.append(
                {
                    **head,
                    "text": _text(value.get("text")),
                    "level": 3 if value.get("level") == "h3" else 2,
                    "anchor": anchors.get(block_id) or heading_anchor(value),
                }
            )
        elif kind == "image":
            blocks.append(
                {
                    **head,
                    "image": image(value.get("image"), _text(value.get("alt_text"))),
                    "caption": _text(value.get("caption")),
                    "attribution": _text(value.get("attribution")),
                }
            )
        elif kind == "quote":
            blocks.append(
                {
                    **head,
                    "quote": _text(value.get("quote")),
                    "attribution": _text(value.get("attribution")),
                    "role": _text(value.get("role")),
                }
            )
        elif kind == "callout":
            kind_value = value.get("kind")
            blocks.append(
                {
                    **head,
                    "kind": kind_value if kind_value in CALLOUT_KINDS else "note",
                    "title": _text(value.get("title")),
                    "html": render(value.get("body")),
                }
            )
        elif kind == "benefits":
            blocks.append(
                {
                    **head,
                    "heading": _text(value.get("heading")),
                    "intro": render(value.get("intro")),
                    "items": [
                        {
                            "position": position,
                            "title": _text(item.get("title")),
                            "explanation": render(item.get("explanation")),
                            "citations": parse_citation_refs(_text(item.get("citations"))),
                        }
                        for position, item in enumerate(list_items(value.get("items")), 1)
                    ],
                }
            )
        elif kind == "phases":
            blocks.append(
                {
                    **head,
                    "heading": _text(value.get("heading")),
                    "intro": render(value.get("intro")),
                    "items": [
                        {
                            "position": position,
                            "name": _text(item.get("name")),
                            "label": _text(item.get("label")),
                            "start": _iso(item.get("start")),
                            "end": _iso(item.get("end")),
                            "description": render(item.get("description")),
                        }
                        for position, item in enumerate(list_items(value.get("items")), 1)
                    ],
                }
            )
        elif kind == "citations":
            blocks.append(
                {
                    **head,
                    "heading": _text(value.get("heading")),
                    "items": [
                        {
                            "position": position,
                            "authors": _text(item.get("authors")),
                            "title": _text(item.get("title")),
                            "publisher": _text(item.get("publisher")),
                            "year": item.get("year") if isinstance(item.get("year"), int) else None,
                            "doi": _text(item.get("doi")),
                            "pmid": _text(item.get("pmid")),
                            "url": citation_url(item),
                        }
                        for position, item in enumerate(list_items(value.get("items")), 1)
                    ],
                }
            )
        elif kind == "faq":
            blocks.append(
                {
                    **head,
                    "heading": _text(value.get("heading")),
                    "items": [
                        {
                            "question": _text(item.get("question")),
                            "answer": render(item.get("answer")),
                        }
                        for item in list_items(value.get("items"))
                    ],
                }
            )
    return blocks
