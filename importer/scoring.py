"""Per-field accuracy of parsed posts against hand-labelled expectations (the importer corpus).

Pure: takes the `ImportedPost.as_dict()` shape and an expected dict, returns scores in 0..1.
The expected shape is documented in tests/fixtures/importer/README.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from statistics import mean

FIELDS = (
    "title",
    "kind",
    "people",
    "dates",
    "structure",
    "benefits",
    "phases",
    "boilerplate",
    "body",
    "review",
)
_DASHES_RE = re.compile(r"[‐‑‒–—−]")
# Count units add nothing to a count ('16 pins' is 16 needles); the corpus gives counts bare.
_COUNT_UNITS = frozenset({"needles", "needle", "pins", "pin", "levels", "settings", "speeds", ""})


def norm(text: str | None) -> str:
    """Case, dashes, spacing and trailing punctuation do not count as differences."""
    text = _DASHES_RE.sub("-", text or "").casefold()
    return " ".join(text.split()).strip(" .:;,")


def overlap(expected: Iterable[str], found: Iterable[str]) -> float:
    """F1 of two lists of strings after `norm`; two empty lists agree fully."""
    wanted, got = [norm(x) for x in expected], [norm(x) for x in found]
    if not wanted and not got:
        return 1.0
    hits = sum(1 for x in set(wanted) if x in got)
    return 2 * hits / (len(set(wanted)) + len(set(got)))


def _timeframe(frame: dict | None) -> str | None:
    if not frame or frame.get("value") is None:
        return None
    return f"{frame['value']} {frame['unit']}"


def _phases(expected: list, found: list[dict]) -> float:
    if not expected and not found:
        return 1.0
    scores = []
    for (name, start, end), phase in zip(expected, found, strict=False):
        start_ok = phase["estimated"] if start is None else _timeframe(phase["start"]) == start
        scores.append(
            mean([norm(name) == norm(phase["name"]), start_ok, _timeframe(phase["end"]) == end])
        )
    return sum(scores) / max(len(expected), len(found))


def _spec_ok(want: str, specs: list[dict], name: str) -> bool:
    found = next((s for s in specs if norm(s["name"]) == norm(name)), None)
    if found is None:
        return False
    value, _sep, unit = want.partition(" ")
    if norm(found["value"]) != norm(value):
        return False
    return norm(found["unit"]) == norm(unit) or (not unit and found["unit"] in _COUNT_UNITS)


def _review(expected: dict | None, found: dict | None, disclosure: str | None) -> float:
    if expected is None or found is None:
        return float(expected is None and found is None)
    checks = [
        norm(expected["product"]) == norm(found["product"]),
        expected["rating"] == found["rating"] and expected["scale"] == found["scale"],
        expected["pros"] == len(found["pros"]),
        expected["cons"] == len(found["cons"]),
        expected["disclosure"] == bool(disclosure),
        norm(found["verdict"]).startswith(norm(expected["verdict"])),
    ]
    specs = expected.get("specs", {})
    spec_score = mean(_spec_ok(v, found["specs"], k) for k, v in specs.items()) if specs else 1
    return mean([*checks, spec_score])


def _body_lines(post: dict) -> list[str]:
    return ([post["dek"]] if post.get("dek") else []) + list(post["body_text"])


def _dropped(expected: list[str], post: dict) -> float:
    if not expected:
        return 1.0
    gone = [norm(d["text"]) for d in post["dropped"]]
    kept = {norm(line) for line in _body_lines(post)} | {norm(post["title"])}
    return mean(
        norm(line) not in kept and any(norm(line) == g or norm(line) in g for g in gone)
        for line in expected
    )


def _block_items(post: dict, kind: str) -> int:
    return sum(len(b["value"]["items"]) for b in post["blocks"] if b["type"] == kind)


def score_post(expected: dict, post: dict) -> dict[str, float]:
    """One post's score per field, 0..1."""
    structure = [overlap(expected["headings"], post["headings"])]
    if "faq" in expected:
        structure.append(float(expected["faq"] == _block_items(post, "faq")))
    if "citations" in expected:
        structure.append(float(expected["citations"] == len(post["citations"])))
    reviewer = (post["reviewer"] or {}).get("name")
    body = _body_lines(post)
    return {
        "title": float(norm(expected["title"]) == norm(post["title"])),
        "kind": float(expected["kind"] == post["kind"]),
        "people": mean(
            [
                overlap(expected["authors"], [a["name"] for a in post["authors"]]),
                float(norm(expected["reviewer"]) == norm(reviewer)),
            ]
        ),
        "dates": mean(
            [
                float(expected["published"] == post["published"]),
                float(expected["updated"] == post["updated"]),
            ]
        ),
        "structure": mean(structure),
        "benefits": overlap(expected["benefits"], [b["title"] for b in post["benefits"]]),
        "phases": _phases(expected["phases"], post["phases"]),
        "boilerplate": _dropped(expected["dropped"], post),
        "body": mean(
            [
                bool(body) and norm(body[0]) == norm(expected["first"]),
                bool(body) and norm(body[-1]) == norm(expected["last"]),
            ]
        ),
        "review": _review(expected["review"], post["review"], post["disclosure"]),
    }


def summarise(scores: list[dict[str, float]]) -> dict[str, float]:
    """Mean score per field over the corpus."""
    return {name: mean(s[name] for s in scores) for name in FIELDS} if scores else {}


def misses(scores: dict[str, dict[str, float]]) -> dict[str, list[str]]:
    """Per field, the posts that did not score fully: where to look next."""
    return {
        name: sorted(post for post, s in scores.items() if s[name] < 1)
        for name in FIELDS
        if any(s[name] < 1 for s in scores.values())
    }
