"""The grammar of content-farm 'related posts' spam, as pure classifiers over plain text.

Farms spin their boilerplate, so nothing here lists sentences: it lists word families
(verbs, adjectives, nouns; 'selected for you', 'the subject', 'learning experience') and
how they combine. The engine and the benchmark's BeautifulSoup peer share these rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def words(text: str) -> frozenset[str]:
    """A vocabulary written as one whitespace-separated string."""
    return frozenset(text.split())


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_EDGE_PUNCT = " \t\n\r\xa0.,;:!?\u2026\u00bb\u203a\u2192>-\u2013\u2014\"'()[]*"
_EDGE_PUNCT_CURLY = _EDGE_PUNCT + "\u2018\u2019\u201c\u201d"
_WORD_RE = re.compile(r"[a-z]+(?:[-'][a-z]+)*|[^\sa-z]")
_FIRST_LETTERS_RE = re.compile(r"[a-z]+")

# Anchor grammar: verb + optional fillers + (determiner + adjectives) + noun, e.g.
# "Delve into this in-depth article", "Click for more information on this subject".
ANCHOR_VERBS = words(
    "read explore delve dive learn check investigate examine discover view access visit look "
    "uncover find consult see browse study gain get understand grasp verify review research "
    "peruse scan observe analyze analyse broaden expand deepen enhance enrich go head navigate "
    "follow open refer continue keep dig know comprehend inspect skim survey evaluate compare "
    "click tap immerse learn explore obtain acquire boost increase improve delve"
)
ANCHOR_ADJECTIVES = words(
    "helpful informative in-depth impartial valuable useful insightful detailed related external "
    "recommended comprehensive authoritative interesting relevant trustworthy reliable additional "
    "supplementary supplemental complementary suggested thorough extensive fascinating "
    "enlightening educational excellent great handy practical expert specialized specialised "
    "extra further new fresh alternative outside thoughtful well-researched credible reputable "
    "selected chosen hand-picked handpicked curated compelling eye-opening intriguing beneficial "
    "essential complete full high-quality quality important knowledgeable good nice awesome "
    "must-read exclusive similar free in-depth informational instructive noteworthy pertinent "
    "worthwhile top superb fantastic engaging enriching unbiased objective neutral specially "
    "carefully external-source blog web original official dedicated related-topic"
)
ANCHOR_NOUNS = words(
    "article articles study studies research resource resources source sources guide guides "
    "analysis analyses content website websites site sites page pages webpage link links post "
    "posts document documents material materials publication publications reading readings "
    "information info report reports review reviews piece paper papers text reference "
    "references write-up overview explanation details insights data investigation examination "
    "breakdown explainer knowledge blog matter subject topic perspective perspectives "
    "viewpoint viewpoints reference material content tutorial investigation"
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

# Sentence features. Each is a family, matched on folded (lower-case, straight-quote) text.
_NOUN = r"(?:web\s*)?(?:resources?|sources?|sites?|websites?|pages?|webpages?|content|links?|materials?|references?|posts?|articles?)"  # noqa: E501
RESOURCE_RE = re.compile(
    rf"\b(?:external|outside|third-party|off-site)\s+{_NOUN}\b"
    r"|\b(?:recommended|suggested|selected|chosen|hand-?picked|curated|(?:specially|carefully)"
    rf"\s+(?:selected|chosen|picked))\s+(?:external\s+)?{_NOUN}\b"
)
SELECTED_RE = re.compile(
    r"\bwe(?:'ve|\s+have|'re|\s+are)?\s+(?:(?:carefully|specially|especially|personally|hand)"
    r"[\s-]+)?(?:selected|chosen|picked|hand-?picked|prepared|gathered|compiled|curated|"
    r"put\s+together|assembled)\b"
    r"|\b(?:selected|chosen|picked|hand-?picked|prepared|gathered|compiled|curated|"
    r"put\s+together|assembled)\s+(?:especially\s+|specially\s+|just\s+)?for\s+you\b"
    r"|\b(?:specially|carefully)[\s-]+(?:selected|chosen|picked)\b"
)
EDUCATION_RE = re.compile(
    r"\b(?:learning|educational|education|reading|study|research|knowledge)\s+"
    r"(?:experience|journey|quest|adventure|path)\b"
)
# Supporting only: farms write it, but so do people ("continue your research").
_SUPPLEMENT_RE = re.compile(
    r"\b(?:supplement|complement|enrich|enhance|continue|further|advance)\s+your\s+"
    r"(?:reading|study|studies|learning|research|education|educational)\b"
)
TOPIC_RE = re.compile(
    r"\b(?:the|this|that)\s+(?:topic|subject|theme|subject\s+matter|matter\s+at\s+hand)\b"
    r"|\bthis\s+article's\s+(?:topic|subject|theme)\b"
)
_EXTRA_RE = re.compile(
    r"\b(?:extra|additional|supplementary|supplemental|complementary|further|more|fresh|new|"
    r"worthwhile|valuable|pertinent|relevant|intriguing|interesting|useful|helpful|different)"
    r"(?:\s*(?:,|and)\s*[a-z-]+)?\s+(?:data|information|info|details|insights|perspectives|"
    r"viewpoints|knowledge|facts|points\s+of\s+view)\b"
)
_ENRICH_RE = re.compile(
    r"\b(?:expand|broaden|deepen|enhance|enrich|further|improve|increase|boost|widen|complement)"
    r"(?:ing|s)?\s+your\s+(?:knowledge|understanding|comprehension|grasp|view|perspective|"
    r"horizons|insight|awareness)\b"
)
_QUESTION_RE = re.compile(
    r"^(?:are\s+you\s+)?(?:interested\s+in\s+[a-z]+ing"
    r"|(?:do\s+you\s+)?(?:want|wish|wanting|need)\s+to\s+(?:know|learn|discover|read|find\s+out|"
    r"delve|dive|explore|expand|deepen|broaden)"
    r"|looking\s+to\s+(?:delve|dive|learn|know|find|explore|expand|deepen)"
    r"|curious\s+(?:to|about)|should\s+you\s+(?:want|wish|desire|be\s+interested|need)"
    r"|if\s+you(?:'re|\s+are|\s+want|\s+wish|\s+would\s+like)|would\s+you\s+like\s+to"
    r"|eager\s+to|keen\s+to|seeking\s+(?:more|additional|further))\b"
)
_COMMIT_RE = re.compile(
    r"\bwe(?:'re|\s+are)\s+(?:always\s+)?(?:committed|dedicated|devoted)\b"
    r"|\bour\s+(?:dedication|commitment|goal|aim|mission|priority|purpose)\s+is\b"
    r"|\bwe\s+(?:constantly|always|continually|continuously)\s+(?:strive|aim|seek|work)\b"
)
_RECOMMEND_RE = re.compile(
    r"\bwe\s+(?:highly\s+|strongly\s+)?(?:recommend|suggest)\s+(?:visiting|exploring|checking|"
    r"accessing|consulting|reading|browsing|this|these)\b"
)
# A sentence naming an organisation, a journal or a person is written by someone who knows
# their sources; farm boilerplate never does.
_PROPER_RE = re.compile(
    r"\b[A-Z]{2,}s?\b|\b(?:Academy|Association|Institute|Clinic|Journal|Society|University|"
    r"Foundation|College|Hospital|Center|Centre|Department|Council|Organi[sz]ation|Agency|Board|"
    r"Ministry|Library|Cochrane|PubMed|Harvard|Mayo|Dermatology|Medicine)\b|\b(?:Dr|Prof)\.|"
    r"\bet\s+al\b|\bdoi\b|\bpmid\b|\bpublished\s+in\b|\b(?:19|20)\d\d\b"
)
LEAD_IN_RE = re.compile(
    r"\b(?:related|suggested|recommended|selected|chosen|hand-?picked|curated|external|similar)"
    r"\s+(?:(?:blog|web|external)\s+)?(?:posts?|links?|articles?|resources?|sources?|content|"
    r"readings?|materials?|pages?|websites?|sites?|publications?|reads|guides?|stories)\b"
)
_LINK_NOUN_RE = re.compile(
    r"\b(?:posts?|links?|articles?|resources?|sources?|content|readings?|materials?|pages?|"
    r"websites?|sites?|publications?)\b"
)

# Sentence ends: terminal punctuation before whitespace, a glued ".Next" typo, a colon that
# ends a line (lead-ins), or a <br> (read as a newline).
_SENTENCE_END_RE = re.compile(
    r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"
    r"|:[\"'\u201d\u2019]*(?=[ \t\xa0]*(?:\n|$))|(?=\n)"
)
_ABBREVIATIONS = words("dr mr mrs ms prof st vs etc e.g i.e fig no approx inc ltd co jr sr")

FEATURE_LABELS = {
    "resource": "external or selected resource",
    "selected": "'selected for you'",
    "education": "'learning experience'",
    "supplement": "'supplement your reading'",
    "topic": "abstract 'the subject'",
    "extra": "'additional information'",
    "enrich": "'expand your knowledge'",
    "question": "'interested in learning more?'",
    "commit": "'we're committed'",
    "recommend": "'we recommend visiting'",
    "generic_link": "generic link",
    "generic_text": "generic call to action",
    "link": "external link",
    "bare_link": "a bare link",
}
_KEYS = frozenset({"resource", "selected", "education", "generic_link"})


def fold(text: str) -> str:
    """Lower-cased, straight-quoted, whitespace-collapsed text for matching."""
    return " ".join(text.translate(_QUOTES).lower().split())


def _anchor_words(text: str) -> list[str]:
    return [word for word in _WORD_RE.findall(fold(text).strip(_EDGE_PUNCT)) if word not in ",&"]


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
    return bool(_PLACEHOLDER_ANCHOR_RE.fullmatch(fold(text).strip(_EDGE_PUNCT)))


def is_lead_in(sentence: str) -> bool:
    """Whether a colon-ended sentence introduces a list of related posts or links."""
    folded = fold(sentence)
    if not folded.rstrip("\"'").endswith(":") or len(folded.split()) > 40:
        return False
    return bool(
        LEAD_IN_RE.search(folded) or (SELECTED_RE.search(folded) and _LINK_NOUN_RE.search(folded))
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
    return (
        sentence.rstrip().endswith("?")
        and len(sentence.split()) <= 15
        and not _PROPER_RE.search(sentence)
        and bool(_QUESTION_RE.search(fold(sentence)))
    )


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


def promo_features(
    sentence: str, *, plain: str, generic_link: bool, has_link: bool
) -> frozenset[str] | None:
    """Farm-boilerplate features of one sentence; None when it names a real source.

    `plain` is the sentence without its link texts, which farms may fill with keywords.
    """
    if _PROPER_RE.search(plain) or len(sentence.split()) > 60:
        return None
    folded = fold(sentence)
    if folded.rstrip("\"'").endswith(":"):
        return None  # lead-ins belong to the list rule, which needs items to follow
    found = {
        name
        for name, pattern in (
            ("resource", RESOURCE_RE),
            ("selected", SELECTED_RE),
            ("education", EDUCATION_RE),
            ("supplement", _SUPPLEMENT_RE),
            ("topic", TOPIC_RE),
            ("extra", _EXTRA_RE),
            ("enrich", _ENRICH_RE),
            ("question", _QUESTION_RE),
            ("commit", _COMMIT_RE),
            ("recommend", _RECOMMEND_RE),
        )
        if pattern.search(folded)
    }
    if generic_link:
        found.add("generic_link")
    elif has_link:
        found.add("link")
    if has_link and not plain.strip(_EDGE_PUNCT):
        found.add("bare_link")  # the sentence is nothing but a link: a farm's keyword link
    if starts_with_generic_anchor(sentence):
        found.add("generic_text")
    return frozenset(found)


def promo_role(features: frozenset[str] | None) -> str | None:
    """A sentence's part in a promo run: 'strong', 'question', 'commit', 'tail' or None."""
    if not features:
        return None
    counted = features - {"bare_link"}  # a lone link is a tail's shape, not evidence
    if counted & _KEYS and len(counted) >= 2:
        return "strong"
    if "question" in features:
        return "question"
    if "commit" in features:
        return "commit"
    if features - {"link", "recommend"}:
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
