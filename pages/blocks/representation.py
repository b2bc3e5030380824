"""What a block's typed API representation needs from the request, and small readers for it.

Each body block builds its own dict in ``get_api_representation(value, context)``. Anything
that needs the database (internal link targets, image renditions) is resolved in bulk by the
caller beforehand and handed in as an ``ApiRendering`` under ``context["rendering"]``; the
blocks then read the stored JSON form of their value, so a body costs no per-block queries
(the v1 detail does 7 queries in all, see benchmarks/RESULTS.md). Without a rendering in the
context (Wagtail's API v2) a block gives Wagtail's own representation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..streamwalk import list_item_value
from ..timeframes import timeframe_from

RENDERING = "rendering"
ANCHOR = "anchor"  # the block's unique anchor in the page, as the templates render it


@dataclass(frozen=True)
class ApiRendering:
    """The request's resolvers: stored rich text to public sanitised HTML, an image to its dict."""

    render: Callable[[str | None], str]
    image: Callable[[int | None, str], dict[str, Any] | None]


def rendering_of(context: Mapping | None) -> ApiRendering | None:
    return context.get(RENDERING) if context else None


def text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def list_items(value: Any) -> list[dict]:
    """ListBlock children, whether stored as {"type": "item", "value": ...} or bare values."""
    return [item for child in value or () if isinstance(item := list_item_value(child), dict)]


def iso8601(value: dict | None) -> str | None:
    timeframe = timeframe_from(value)
    return timeframe.iso8601() if timeframe else None


def numbered(block, items: Any, context: Mapping) -> list[dict[str, Any]]:
    """A list's items through their block's representation, each with its 1-based position."""
    return [
        {"position": position, **block.get_api_representation(item, context)}
        for position, item in enumerate(list_items(items), 1)
    ]
