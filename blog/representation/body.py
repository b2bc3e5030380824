"""The body stream as typed blocks, from the stored JSON (no per-block database lookups).

Each block type builds its own dict (`get_api_representation` in `pages.blocks`); this module
only walks the stream. Working on raw data keeps the query count fixed: images are looked up
once for the whole body and rich-text links are resolved in bulk by the caller's renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from pages.blocks import BodyStreamBlock
from pages.blocks.representation import ANCHOR, RENDERING, ApiRendering
from pages.content import table_of_contents
from pages.streamwalk import iter_leaves, iter_richtext

Render = Callable[[str | None], str]
ImageOut = Callable[[int | None, str], dict[str, Any] | None]
BODY = BodyStreamBlock()


def image_ids(raw_stream: Iterable[dict]) -> set[int]:
    """The images the body shows, for loading them and their renditions in one query."""
    return {
        leaf.value
        for leaf in iter_leaves(BODY, list(raw_stream or ()), (ImageChooserBlock,))
        if isinstance(leaf.value, int)
    }


def rich_text_fragments(raw_stream: Iterable[dict]) -> Iterator[str]:
    """Every rich-text value in the body, for resolving their links in one go."""
    for leaf in iter_richtext(BODY, list(raw_stream or ())):
        yield leaf.value


def body_blocks(raw_stream: list[dict], render: Render, image: ImageOut) -> list[dict[str, Any]]:
    """Typed block dicts in body order; unknown block types are skipped, not guessed at."""
    rendering = ApiRendering(render=render, image=image)
    # The site renders each block with anchors[block.id] (see includes/body.html), so do we.
    anchors = {e.block_id: e.anchor for e in table_of_contents(raw_stream) if e.block_id}
    typed: list[dict[str, Any]] = []
    for child in raw_stream or ():
        kind, value = child.get("type"), child.get("value")
        block = BODY.child_blocks.get(kind)
        if block is None or (isinstance(block, blocks.StructBlock) and not isinstance(value, dict)):
            continue
        block_id = str(child.get("id", ""))
        context = {RENDERING: rendering, ANCHOR: anchors.get(block_id)}
        typed.append({"type": kind, "id": block_id, **block.get_api_representation(value, context)})
    return typed
