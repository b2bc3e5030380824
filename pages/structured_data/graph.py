"""The JSON-LD document: nodes, references, the @graph wrapper and safe <script> embedding."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

SCHEMA_CONTEXT = "https://schema.org"
HEADLINE_MAX = 110  # Google truncates longer Article headlines.

# What must never appear raw inside a <script> element: "<" could start "</script>" or "<!--",
# ">" and "&" are escaped for symmetry with Django's json_script, and U+2028/U+2029 break
# pre-ES2019 JavaScript parsers. JSON parsers read the escapes back as the same characters.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}

Node = dict[str, Any]


def compact(node: Node) -> Node:
    """Drop keys whose value is None, '' or an empty list."""
    return {k: v for k, v in node.items() if v not in (None, "", [], {})}


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def ref(node_id: str) -> Node:
    """A reference to another node of the graph by its @id."""
    return {"@id": node_id}


def graph(nodes: Iterable[Node]) -> Node:
    """One JSON-LD document holding every node."""
    return {"@context": SCHEMA_CONTEXT, "@graph": [n for n in nodes if n]}


def iso_minutes(minutes: int | None) -> str | None:
    """An ISO-8601 duration for whole minutes, e.g. 'PT7M'."""
    return f"PT{minutes}M" if minutes else None


def headline(text: str) -> str:
    """The title trimmed to what search engines show."""
    return text if len(text) <= HEADLINE_MAX else text[: HEADLINE_MAX - 1].rstrip() + "…"


def json_for_script(data: Any) -> str:
    """JSON that is safe to place verbatim between <script> and </script>."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.translate(_SCRIPT_ESCAPES)
