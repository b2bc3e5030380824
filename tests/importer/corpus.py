"""The labelled importer corpus: parse every post and score it against its expected JSON."""

from __future__ import annotations

import json
from pathlib import Path

from importer.parser import parse_many
from importer.scoring import score_post
from importer.services import clean_rich_text

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "importer"


def expectations() -> dict[str, dict]:
    return {
        path.stem: json.loads(path.read_text())
        for path in sorted((CORPUS / "expected").glob("*.json"))
    }


def parsed_posts(expected: dict[str, dict]) -> dict[str, dict]:
    """name -> ImportedPost.as_dict(), each file parsed once (a WXR export holds several)."""
    by_file: dict[str, list] = {}
    for name in sorted({e["file"] for e in expected.values()}):
        by_file[name] = [
            post.as_dict() | {"source_key": post.source_key}
            for post in parse_many(CORPUS / "corpus" / name, cleaner=clean_rich_text)
        ]
    found = {}
    for name, want in expected.items():
        posts = by_file[want["file"]]
        if "guid" in want:
            posts = [p for p in posts if p["source_key"] == f"guid:{want['guid']}"]
        if posts:
            found[name] = posts[0]
    return found


def evaluate() -> tuple[dict[str, dict[str, float]], dict[str, dict]]:
    """(scores per post, parsed posts)."""
    expected = expectations()
    posts = parsed_posts(expected)
    scores = {
        name: score_post(want, posts[name]) if name in posts else dict.fromkeys(want, 0.0)
        for name, want in expected.items()
    }
    return scores, posts
