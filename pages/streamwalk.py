"""Walk and rewrite the leaf values of a StreamField's raw JSON at any depth.

The link checker reads every rich-text and URL value of a page; the placeholder cleaner rewrites
rich text. Both need the same traversal of struct, list and stream blocks, driven by the block
definitions so that a leaf's kind is known without rendering anything. Working on raw JSON keeps
stored values byte-for-byte intact where nothing changes, and never touches the database.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from wagtail import blocks
from wagtail.blocks.list_block import ListBlock
from wagtail.fields import StreamField


@dataclass(frozen=True)
class Leaf:
    """One leaf value inside a stream: where it is, its block and its raw value."""

    path: str  # e.g. "3.benefits.items.0.explanation" (indexes, block names and struct keys)
    block: blocks.Block
    value: object
    block_id: str = ""  # the id of the top-level stream child, for linking back to the editor


def list_item_value(item):
    """A ListBlock child's value: lists are stored as [{"type": "item", "value": ..., "id": ...}]
    (older data: bare values)."""
    return item.get("value") if isinstance(item, dict) and item.get("type") == "item" else item


def _walk(block: blocks.Block, raw, path: str, block_id: str) -> Iterator[Leaf]:
    if isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(raw or ()):
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is None:  # a block type removed from the code: leave its data alone
                continue
            child_id = block_id or child.get("id", "")
            child_path = f"{path}.{index}.{child['type']}" if path else f"{index}.{child['type']}"
            yield from _walk(child_block, child.get("value"), child_path, child_id)
    elif isinstance(block, ListBlock):
        for index, item in enumerate(raw or ()):
            yield from _walk(block.child_block, list_item_value(item), f"{path}.{index}", block_id)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                if name in raw:
                    yield from _walk(child_block, raw[name], f"{path}.{name}", block_id)
        yield Leaf(
            path, block, raw, block_id
        )  # structs are leaves too (e.g. a citation's DOI + URL)
    else:
        yield Leaf(path, block, raw, block_id)


def iter_leaves(stream_block: blocks.StreamBlock, raw_data: list) -> Iterator[Leaf]:
    """Every leaf (and struct) value in a stream's raw data, in document order."""
    yield from _walk(stream_block, raw_data, "", "")


def iter_richtext(stream_block: blocks.StreamBlock, raw_data: list) -> Iterator[Leaf]:
    """The rich-text values of a stream, with their paths."""
    for leaf in iter_leaves(stream_block, raw_data):
        if isinstance(leaf.block, blocks.RichTextBlock) and isinstance(leaf.value, str):
            yield leaf


def _set_path(raw: list, block: blocks.StreamBlock, path: str, new_value: str) -> None:
    """Assign new_value at a path produced by _walk, inside a copy of the raw data."""
    parts = path.split(".")
    container, current_block, i = raw, block, 0
    while i < len(parts):
        part = parts[i]
        if isinstance(current_block, blocks.StreamBlock):
            child = container[int(part)]
            current_block = current_block.child_blocks[parts[i + 1]]
            holder, key = child, "value"
            i += 2
        elif isinstance(current_block, ListBlock):
            item = container[int(part)]
            holder, key = (
                (item, "value")
                if isinstance(item, dict) and item.get("type") == "item"
                else (container, int(part))
            )
            current_block = current_block.child_block
            i += 1
        else:  # StructBlock
            holder, key = container, part
            current_block = current_block.child_blocks[part]
            i += 1
        if i == len(parts):
            holder[key] = new_value
            return
        container = holder[key]


def rewrite_richtext(
    stream_block: blocks.StreamBlock, raw_data: list, transform: Callable[[Leaf], str]
) -> tuple[list, list[tuple[Leaf, str]]]:
    """Apply transform to every rich-text leaf; returns (new raw data, [(leaf, new html)]).

    The input is left untouched. When transform returns the same string for every leaf, the
    original list is returned as it is, so callers can test `new is raw_data`.
    """
    return rewrite_leaves(stream_block, raw_data, transform, iter_richtext(stream_block, raw_data))


def iter_urls(stream_block: blocks.StreamBlock, raw_data: list) -> Iterator[Leaf]:
    """The URL-block values of a stream (a citation's URL), with their paths."""
    for leaf in iter_leaves(stream_block, raw_data):
        if isinstance(leaf.block, blocks.URLBlock) and isinstance(leaf.value, str):
            yield leaf


def rewrite_leaves(
    stream_block: blocks.StreamBlock,
    raw_data: list,
    transform: Callable[[Leaf], str],
    leaves: Iterable[Leaf],
) -> tuple[list, list[tuple[Leaf, str]]]:
    """Apply transform to the given string leaves of raw_data, as rewrite_richtext does."""
    changes = [(leaf, new) for leaf in leaves if (new := transform(leaf)) != leaf.value]
    if not changes:
        return raw_data, []
    new_raw = copy.deepcopy(list(raw_data))
    for leaf, new_html in changes:
        _set_path(new_raw, stream_block, leaf.path, new_html)
    return new_raw, changes


def stream_fields(model) -> list[StreamField]:
    """The StreamFields declared on a model (including inherited ones)."""
    return [f for f in model._meta.get_fields() if isinstance(f, StreamField)]
