"""Stored rich text through a cleaner (the admin's spam cleaner and sanitiser)."""

from __future__ import annotations

from collections.abc import Callable

from importer.parser.structure import _plain

# A cleaner takes stored rich text and returns (cleaned, [(text, reason), ...]); the importer's
# service layer passes the admin's spam cleaner and sanitiser, so the parser stays pure.
Cleaner = Callable[[str], tuple[str, list[tuple[str, str]]]]
_RICH_KEYS = ("explanation", "description", "answer", "body", "intro")


def clean_blocks(blocks: list[dict], cleaner: Cleaner) -> tuple[list[dict], list[tuple[str, str]]]:
    spam: list[tuple[str, str]] = []
    out = []
    for block in blocks:
        value = block["value"]
        if isinstance(value, str):
            cleaned, found = cleaner(value)
            spam.extend(found)
            if _plain(cleaned):
                out.append({**block, "value": cleaned})
            continue
        value = dict(value)
        for key in _RICH_KEYS:
            if isinstance(value.get(key), str) and value[key]:
                value[key], found = cleaner(value[key])
                spam.extend(found)
        if "items" in value:
            items = []
            for item in value["items"]:
                inner = dict(item["value"])
                for key in _RICH_KEYS:
                    if isinstance(inner.get(key), str) and inner[key]:
                        inner[key], found = cleaner(inner[key])
                        spam.extend(found)
                items.append({**item, "value": inner})
            value["items"] = items
        out.append({**block, "value": value})
    return out, spam
