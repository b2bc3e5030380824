"""Payloads placed in every rich-text spot of the body stream, and stored through the ORM."""

from __future__ import annotations

import json
from collections.abc import Sequence

from blog.models import ArticlePage, Author
from tests.factories import make_article, make_author

BLOCK_KINDS = ("paragraph", "benefits", "faq", "callout", "phases")


def _item(value: dict, n: int) -> dict:
    return {"type": "item", "value": value, "id": f"item-{n}"}


def payload_block(kind: str, payload: str, n: int) -> dict:
    """One body block of the given kind whose rich text is the payload."""
    if kind == "paragraph":
        value: object = payload
    elif kind == "benefits":
        value = {
            "heading": "Benefits",
            "intro": "",
            "items": [_item({"title": "T", "explanation": payload, "citations": ""}, n)],
        }
    elif kind == "faq":
        value = {"heading": "FAQ", "items": [_item({"question": "Q?", "answer": payload}, n)]}
    elif kind == "callout":
        value = {"kind": "tip", "title": "", "body": payload}
    else:
        phase = {
            "name": "P",
            "label": "",
            "start": {"value": 0, "unit": "days"},
            "end": {"value": None, "unit": "days"},
            "description": payload,
        }
        value = {"heading": "Phases", "intro": "", "items": [_item(phase, n)]}
    return {"type": kind, "value": value, "id": f"block-{n}"}


def payload_stream(batch: Sequence[str], kinds: Sequence[str] = BLOCK_KINDS) -> list[dict]:
    """The batch spread over the block kinds in turn, one block per payload."""
    return [payload_block(kinds[n % len(kinds)], p, n) for n, p in enumerate(batch)]


def counts_by_kind(batch: Sequence[str], kinds: Sequence[str] = BLOCK_KINDS) -> dict[str, int]:
    counts = dict.fromkeys(kinds, 0)
    for n in range(len(batch)):
        counts[kinds[n % len(kinds)]] += 1
    return counts


def bypass_save(page: ArticlePage, batch: Sequence[str]) -> None:
    """Write payloads straight into the row, as a queryset update or raw SQL would."""
    ArticlePage.objects.filter(pk=page.pk).update(body=json.dumps(payload_stream(batch)))


def payload_author(slug: str, batch: Sequence[str]) -> Author:
    author = make_author(slug, name=f"Author {slug}")
    Author.objects.filter(pk=author.pk).update(bio="".join(batch))
    return author


def payload_article(index, slug: str, batch: Sequence[str], authors=()) -> ArticlePage:
    """A published article whose body rich text holds the batch, bypassing every save step."""
    page = make_article(index, slug, authors=authors)
    bypass_save(page, batch)
    page.refresh_from_db()
    return page
