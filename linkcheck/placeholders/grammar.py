"""The words of content-farm spam: anchor vocabulary, folding and sentence splitting.

Farms spin their boilerplate, so nothing here lists sentences or anchors: it lists word
families (verbs, adjectives, nouns) and how they combine. `families` holds the sentence-level
families and `sentences` the rules built on both. The engine and the benchmark's
BeautifulSoup peer share all three.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A vocabulary written as one whitespace-separated string, each word once.

    A word listed twice is an editing slip (one copy gets changed, the other not), so it fails
    at import rather than vanishing into the set.
    """
    listed = text.split()
    if len(set(listed)) != len(listed):
        twice = sorted({word for word in listed if listed.count(word) > 1})
        raise ValueError(f"listed twice: {', '.join(twice)}")
    return frozenset(listed)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
EDGE_PUNCT = " \t\n\r\xa0.,;:!?\u2026\u00bb\u203a\u2192>-\u2013\u2014\"'()[]*"
_EDGE_PUNCT_CURLY = EDGE_PUNCT + "\u2018\u2019\u201c\u201d"
_WORD_RE = re.compile(r"[a-z]+(?:[-'][a-z]+)*|[^\sa-z]")
_FIRST_LETTERS_RE = re.compile(r"[a-z]+")

# Anchor grammar: verb + optional fillers + (determiner + adjectives) + noun, e.g.
# "Delve into this in-depth article", "Click for more information on this subject".
ANCHOR_VERBS = words(
    "read explore delve dive learn check investigate examine discover view access visit look "
    "uncover find consult see browse study gain get understand grasp verify review research "
    "peruse scan observe analyze analyse broaden expand deepen enhance enrich go head navigate "
    "follow open refer continue keep dig know comprehend inspect skim survey evaluate compare "
    "click tap immerse obtain acquire boost increase improve"
)
ANCHOR_ADJECTIVES = words(
    "helpful informative in-depth impartial valuable useful insightful detailed related external "
    "recommended comprehensive authoritative interesting relevant trustworthy reliable additional "
    "supplementary supplemental complementary suggested thorough extensive fascinating "
    "enlightening educational excellent great handy practical expert specialized specialised "
    "extra further new fresh alternative outside thoughtful well-researched credible reputable "
    "selected chosen hand-picked handpicked curated compelling eye-opening intriguing beneficial "
    "essential complete full high-quality quality important knowledgeable good nice awesome "
    "must-read exclusive similar free informational instructive noteworthy pertinent "
    "worthwhile top superb fantastic engaging enriching unbiased objective neutral specially "
    "carefully external-source blog web original official dedicated related-topic trusted "
    "respected accurate up-to-date current latest popular concise clear well-written "
    "scientific evidence-based professional specialist short quick"
)
ANCHOR_NOUNS = words(
    "article articles study studies research resource resources source sources guide guides "
    "analysis analyses content website websites site sites page pages webpage link links post "
    "posts document documents material materials publication publications reading readings "
    "information info report reports review reviews piece paper papers text reference "
    "references write-up overview explanation details insights data investigation examination "
    "breakdown explainer knowledge blog matter subject topic perspective perspectives "
    "viewpoint viewpoints tutorial primer summary "
    "feature story stories coverage findings evidence facts hub"
)
_ANCHOR_FILLERS = words(
    "this these the that those a an and or more further deeper here now out up on in into about "
    "from with to for through at by of it your you below inside over understanding better insight "
    "inspired informed details topic subject matter additional extra related some other"
)
_ANCHOR_TERMINALS = words(
    "more further here now this it out details better deeper below information info insights "
    "insight knowledge understanding topic subject inside"
)
_ANCHOR_VOCAB = ANCHOR_VERBS | ANCHOR_ADJECTIVES | ANCHOR_NOUNS | _ANCHOR_FILLERS

# Placeholder anchors an editor or a theme left behind: "Related post 1", "link here", lorem ipsum.
_PLACEHOLDER_ANCHOR_RE = re.compile(
    r"(?:related|recommended|suggested|similar|another|sample|example|dummy|test|placeholder)\s+"
    r"(?:blog\s+)?(?:posts?|articles?|links?|stor(?:y|ies)|readings?|pages?|items?|titles?)"
    r"(?:\s*#?\s*\d+)?"
    r"|(?:posts?|articles?|links?|pages?|items?|titles?|stor(?:y|ies))\s*#?\s*\d+"
    r"|(?:(?:your|insert|add|put|paste)\s+)?(?:(?:a|the|your)\s+)?"
    r"(?:link|url|anchor(?:\s+text)?|link\s+text|title)\s+(?:goes\s+)?here"
    r"|(?:insert|add|paste)\s+(?:a\s+|the\s+|your\s+)?(?:link|url)"
    r"|anchor\s+text|link\s+text|placeholder(?:\s+(?:link|text|url))?"
    r"|lorem\s+ipsum\b.*|dolor\s+sit\s+amet\b.*|todo|tbd|tk|x{3,}|https?:?/*|www\.?"
)

# Sentence ends: terminal punctuation before whitespace, a glued ".Next" typo, a colon that
# ends a line (lead-ins), or a <br> (read as a newline). No sentence starts with a comma, so
# "the topic? , in which ..." (a link stripped from between them) stays one sentence.
_SENTENCE_END_RE = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s*$|\s+[^\s,])|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"
    r"|:[\"'\u201d\u2019]*(?=[ \t\xa0]*(?:\n|$))|(?=\n)"
)
_ABBREVIATIONS = words("dr mr mrs ms prof st vs etc e.g i.e fig no approx inc ltd co jr sr")


def fold(text: str) -> str:
    """Lower-cased, straight-quoted, whitespace-collapsed text for matching."""
    return " ".join(text.translate(_QUOTES).lower().split())


def _anchor_words(text: str) -> list[str]:
    return [word for word in _WORD_RE.findall(fold(text).strip(EDGE_PUNCT)) if word not in ",&"]


def is_generic_anchor(text: str) -> bool:
    """Whether an anchor is a content-free call to action ("Delve into this in-depth article")."""
    # Quick reject on the first word, before folding and tokenising (most anchors stop here).
    first = _FIRST_LETTERS_RE.match(text.lower().lstrip(_EDGE_PUNCT_CURLY))
    if first is None or first.group() not in ANCHOR_VERBS:
        return False
    words = _anchor_words(text)
    if not 2 <= len(words) <= 12 or words[0] not in ANCHOR_VERBS:
        return False
    if words[-1] not in ANCHOR_NOUNS and words[-1] not in _ANCHOR_TERMINALS:
        return False
    return all(word in _ANCHOR_VOCAB for word in words)


def is_listy_generic_anchor(text: str) -> bool:
    """A generic anchor of the list-item shape: 'this'/'these' plus an adjective and a noun."""
    words = _anchor_words(text)
    return (
        is_generic_anchor(text)
        and ("this" in words or "these" in words)
        and any(word in ANCHOR_ADJECTIVES for word in words[1:])
        and words[-1] in ANCHOR_NOUNS
    )


def starts_with_generic_anchor(text: str) -> bool:
    """Whether a sentence opens with a generic call to action ("Visit this useful source, ...")."""
    head = fold(text).split(",", 1)[0]
    return head != fold(text).rstrip(".!") and is_generic_anchor(head)


def is_placeholder_anchor(text: str) -> bool:
    """Whether an anchor is placeholder text ("Related post 1", "link here", lorem ipsum)."""
    return bool(_PLACEHOLDER_ANCHOR_RE.fullmatch(fold(text).strip(EDGE_PUNCT)))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over text, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _SENTENCE_END_RE.finditer(text):
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start()):
            continue
        _append_span(spans, text, pos, match.end())
        pos = match.end()
    _append_span(spans, text, pos, len(text))
    return spans


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot)) + 1
    return text[start:dot].lower().lstrip("(\"'\u201c\u2018") in _ABBREVIATIONS


def _append_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
