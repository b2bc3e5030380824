"""Sentence rules: which sentences are farm promotion, and which open a related-posts list."""

from __future__ import annotations

from collections.abc import Sequence

from linkcheck.placeholders.families import (
    BY_NAME,
    FAMILIES,
    LINK_NOUN_RE,
    PROMO_FAMILIES,
    PROPER_RE,
)
from linkcheck.placeholders.grammar import EDGE_PUNCT, fold, starts_with_generic_anchor

# Labels of the phrase families, then of the link features a sentence can show.
FEATURE_LABELS = {family.name: family.label for family in PROMO_FAMILIES} | {
    "generic_link": "generic link",
    "generic_text": "generic call to action",
    "link": "external link",
    "bare_link": "a bare link",
}
_KEYS = frozenset({family.name for family in FAMILIES if family.role == "key"} | {"generic_link"})
_QUESTIONS = frozenset(family.name for family in FAMILIES if family.role == "question")
_COMMITS = frozenset(family.name for family in FAMILIES if family.role == "commit")
# Shape, not evidence: a sentence showing only these is no tail of a promotional run.
_NOT_EVIDENCE = frozenset({family.name for family in FAMILIES if family.role == "weak"} | {"link"})
_LEAD_IN_RE = BY_NAME["lead_in"].pattern
_SELECTED_RE = BY_NAME["selected"].pattern
_QUESTION_RES = tuple(family.pattern for family in FAMILIES if family.role == "question")


def is_lead_in(sentence: str) -> bool:
    """Whether a colon-ended sentence introduces a list of related posts or links."""
    folded = fold(sentence)
    if not folded.rstrip("\"'").endswith(":") or len(folded.split()) > 40:
        return False
    return bool(
        _LEAD_IN_RE.search(folded) or (_SELECTED_RE.search(folded) and LINK_NOUN_RE.search(folded))
    )


def lead_in_start(sentences: Sequence[str], index: int) -> int | None:
    """Where the lead-in ending at sentences[index] begins, or None if it is not one.

    A lead-in may be split ("... in the related posts we recommend. Check it out:") or open
    with a question ("Want to learn more? Explore the related posts we've chosen:").
    """
    text = sentences[index]
    if not fold(text).rstrip("\"'").endswith(":"):
        return None
    if is_lead_in(text):
        start = index
    elif index > 0 and len(text.split()) <= 6 and is_lead_in(f"{sentences[index - 1]} {text}"):
        start = index - 1
    else:
        return None
    while start > 0 and _is_question_opener(sentences[start - 1]):
        start -= 1
    return start


def _is_question_opener(sentence: str) -> bool:
    if not sentence.rstrip().endswith("?") or len(sentence.split()) > 15:
        return False
    folded = fold(sentence)
    return not PROPER_RE.search(sentence) and any(
        pattern.search(folded) for pattern in _QUESTION_RES
    )


def promo_features(
    sentence: str, *, plain: str, generic_link: bool, has_link: bool
) -> frozenset[str] | None:
    """Farm-boilerplate features of one sentence; None when it names a real source.

    `plain` is the sentence without its link texts, which farms may fill with keywords.
    """
    if PROPER_RE.search(plain) or len(sentence.split()) > 60:
        return None
    folded = fold(sentence)
    if folded.rstrip("\"'").endswith(":"):
        return None  # lead-ins belong to the list rule, which needs items to follow
    found = {family.name for family in PROMO_FAMILIES if family.pattern.search(folded)}
    if generic_link:
        found.add("generic_link")
    elif has_link:
        found.add("link")
    if has_link and not plain.strip(EDGE_PUNCT):
        found.add("bare_link")  # the sentence is nothing but a link: a farm's keyword link
    if starts_with_generic_anchor(sentence):
        found.add("generic_text")
    return frozenset(found)


def promo_role(features: frozenset[str] | None) -> str | None:
    """A sentence's part in a promo run: 'strong', 'question', 'commit', 'tail' or None."""
    if not features:
        return None
    counted = features - {"bare_link", "link"}  # a link alone is shape, not evidence
    if counted & _KEYS and len(counted) >= 2:
        return "strong"
    if features & _QUESTIONS:
        return "question"
    if features & _COMMITS:
        return "commit"
    if features - _NOT_EVIDENCE:
        return "tail"
    return None


def promo_runs(features: Sequence[frozenset[str] | None]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of sentences to remove as one promotional run each.

    A run is consecutive candidate sentences; tails before its first opener or strong sentence
    are real prose and stay. A run goes when it holds a strong sentence, or a question opener
    with a linked sentence and an abstract 'the topic' ("Curious about the subject? <link>, ...").
    """
    roles = [promo_role(item) for item in features]
    runs = []
    index = 0
    while index < len(roles):
        if roles[index] is None:
            index += 1
            continue
        end = index
        while end < len(roles) and roles[end] is not None:
            end += 1
        start = index
        while start < end and roles[start] == "tail":
            start += 1
        members = range(start, end)
        found = [features[i] or frozenset() for i in members]
        questioned = (
            any(roles[i] == "question" for i in members)
            and any(item & {"link", "generic_link"} for item in found)
            and any("topic" in item for item in found)
        )
        if any(roles[i] == "strong" for i in members) or questioned:
            runs.append((start, end))
        index = end
    return runs


def describe_features(features: frozenset[str] | None) -> str:
    """Human-readable list of the features that marked a sentence."""
    return ", ".join(FEATURE_LABELS[name] for name in sorted(features or ()))
