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


_LEAF, _STREAM, _LIST, _STRUCT = range(4)


def _kind(block: blocks.Block) -> int:
    if isinstance(block, blocks.StreamBlock):
        return _STREAM
    if isinstance(block, ListBlock):
        return _LIST
    return _STRUCT if isinstance(block, blocks.StructBlock) else _LEAF


def _plan(block: blocks.Block, kinds: tuple[type, ...] | None) -> tuple:
    """What the walk does at a block: (block, kind, whether to yield the block itself, the
    child plans worth entering, whether anything below matches).

    Child plans are a dict by type for streams, (name, plan) pairs in reverse order for
    structs, the item's plan or None for lists. Built once per stream block and kinds, so the
    walk decides nothing per node; entering only what can match made finding a body's images
    and rich text (the API detail does both) several times cheaper than a full walk.
    """
    kind = _kind(block)
    yields = kind in (_LEAF, _STRUCT) and (kinds is None or isinstance(block, kinds))
    children = None
    if kind == _STREAM:
        plans = {name: _plan(child, kinds) for name, child in block.child_blocks.items()}
        children = {name: plan for name, plan in plans.items() if plan[4]}
    elif kind == _STRUCT:
        pairs = ((name, _plan(child, kinds)) for name, child in block.child_blocks.items())
        children = tuple(reversed([(name, plan) for name, plan in pairs if plan[4]]))
    elif kind == _LIST:
        item_plan = _plan(block.child_block, kinds)
        children = item_plan if item_plan[4] else None
    holds = yields or bool(children)
    return (block, kind, yields, children, holds)


def _root_plan(stream_block: blocks.StreamBlock, kinds: tuple[type, ...] | None) -> tuple:
    # Memoised on the block instance: blocks are unhashable, and long-lived (one per field).
    memo = stream_block.__dict__.setdefault("_streamwalk_plans", {})
    plan = memo.get(kinds)
    if plan is None:
        plan = memo[kinds] = _plan(stream_block, kinds)
    return plan


def iter_leaves(
    stream_block: blocks.StreamBlock, raw_data: list, kinds: tuple[type, ...] | None = None
) -> Iterator[Leaf]:
    """Every leaf (and struct) value in a stream's raw data, in document order.

    With kinds, only the leaves of those block types; subtrees that cannot hold one are not
    entered. Iterative: nested generators made every leaf climb the whole depth.
    """
    # (plan, raw value, path, top-level block id, is a struct whose fields are done)
    stack: list[tuple[tuple, object, str, str, bool]] = [
        (_root_plan(stream_block, kinds), raw_data, "", "", False)
    ]
    while stack:
        plan, raw, path, block_id, done = stack.pop()
        block, kind, yields, children, _holds = plan
        if done or kind == _LEAF:
            # Structs come after their fields (e.g. a citation's DOI + URL as one value).
            if yields:
                yield Leaf(path, block, raw, block_id)
        elif kind == _STREAM:
            entered = []
            for index, child in enumerate(raw or ()):
                # A block type removed from the code (or one that cannot match) is left alone.
                child_plan = children.get(child.get("type"))
                if child_plan is not None:
                    child_path = (
                        f"{path}.{index}.{child['type']}" if path else f"{index}.{child['type']}"
                    )
                    child_id = block_id or child.get("id", "")
                    entered.append((child_plan, child.get("value"), child_path, child_id, False))
            stack.extend(reversed(entered))
        elif kind == _LIST:
            if children is not None:
                stack.extend(
                    (children, list_item_value(item), f"{path}.{index}", block_id, False)
                    for index, item in reversed(list(enumerate(raw or ())))
                )
        else:
            if yields:
                stack.append((plan, raw, path, block_id, True))
            if isinstance(raw, dict):
                stack.extend(
                    (child_plan, raw[name], f"{path}.{name}", block_id, False)
                    for name, child_plan in children
                    if name in raw
                )


def iter_richtext(stream_block: blocks.StreamBlock, raw_data: list) -> Iterator[Leaf]:
    """The rich-text values of a stream, with their paths."""
    for leaf in iter_leaves(stream_block, raw_data, (blocks.RichTextBlock,)):
        if isinstance(leaf.value, str):
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
    for leaf in iter_leaves(stream_block, raw_data, (blocks.URLBlock,)):
        if isinstance(leaf.value, str):
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
