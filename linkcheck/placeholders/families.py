"""The phrase families of farm boilerplate: one table, from which every rule derives.

Each family is a family, not a sentence: 'external resource' and 'outside source', 'we've
selected' and 'hand-picked for you', 'learning experience' and 'educational journey'. Patterns
run on text from `grammar.fold` (lower case, straight quotes, single spaces). A family's gate
words are substrings every one of its matches contains (a gate phrase such as "matter at
hand" may be split by any space or tag in stored HTML): the precheck looks for the gate words
of the families marked `precheck` in raw HTML before reading anything, so a body without them
cannot hold those families (a test checks the claim over the corpus). Adding a phrasing is one
edit here; the precheck, `sentences.promo_features` and the finding labels follow.

Roles in a promotional run (see `sentences.promo_role`): "key" families can make a sentence
strong, "question" and "commit" open a run, "support" adds evidence, "weak" adds nothing on
its own, "lead_in" opens a related-posts list and is read by the list rule only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linkcheck.placeholders.grammar import words

ROLES = ("key", "question", "commit", "support", "weak", "lead_in")


@dataclass(frozen=True, slots=True)
class Family:
    """One phrasing family: its name, the label editors read, its pattern and gate words."""

    name: str
    label: str
    pattern: re.Pattern[str]
    gate_words: frozenset[str]
    role: str = "support"
    # Whether the precheck looks for this family's gate words: a rule can fire on it with no
    # generic or placeholder link in the body, so a body holding it must never be turned away.
    precheck: bool = False


_NOUN = (
    r"(?:web\s*)?(?:resources?|sources?|sites?|websites?|pages?|webpages?|content|links?|"
    r"materials?|references?|posts?|articles?)"
)
_PICKED = r"(?:selected|chosen|picked|hand-?picked|prepared|gathered|compiled|curated|put\s+together|assembled)"
# What a farm promises more of: "more information", "further details", "additional insights".
_MORE = r"(?:more|additional|further|extra|deeper|fresh|other|some\s+more)"
_INFO = r"(?:information|info|details|insights?|knowledge|reading|facts|data|perspectives)"
_QUESTION_END = r"[^?]*\?[\"']?$"

FAMILIES: tuple[Family, ...] = (
    Family(
        "resource",
        "external or selected resource",
        re.compile(
            rf"\b(?:external|outside|third-party|off-site)\s+{_NOUN}\b"
            r"|\b(?:recommended|suggested|selected|chosen|hand-?picked|curated|"
            rf"(?:specially|carefully)\s+(?:selected|chosen|picked))\s+(?:external\s+)?{_NOUN}\b"
        ),
        words(
            "external outside third-party off-site recommended suggested selected chosen "
            "picked curated"
        ),
        role="key",
        precheck=True,
    ),
    Family(
        "selected",
        "'selected for you'",
        re.compile(
            r"\bwe(?:'ve|\s+have|'re|\s+are)?\s+(?:(?:carefully|specially|especially|personally|"
            rf"hand)[\s-]+)?{_PICKED}\b"
            rf"|\b{_PICKED}\s+(?:especially\s+|specially\s+|just\s+)?for\s+you\b"
            r"|\b(?:specially|carefully)[\s-]+(?:selected|chosen|picked)\b"
        ),
        words("selected chosen picked prepared gathered compiled curated together assembled"),
        role="key",
        precheck=True,
    ),
    Family(
        "education",
        "'learning experience'",
        re.compile(
            r"\b(?:learning|educational|education|reading|study|research|knowledge)\s+"
            r"(?:experience|journey|quest|adventure|path)\b"
        ),
        words("experience journey quest adventure path"),
        role="key",
        precheck=True,
    ),
    Family(
        # A link stripped out of a promotional sentence leaves its lead-in question glued to
        # the tail: "...the topic?, in which you'll discover supplementary facts". Prose
        # almost never puts a comma straight after a question mark.
        "stripped",
        "question glued to its tail (link stripped)",
        re.compile(r"[a-z]\? ?, ?[a-z]"),
        frozenset({"?,", "? ,"}),
        role="key",
        precheck=True,
    ),
    Family(
        "topic",
        "abstract 'the subject'",
        re.compile(
            r"\b(?:the|this|that)\s+(?:topic|subject|theme|subject\s+matter|matter\s+at\s+hand)\b"
            r"|\bthis\s+article's\s+(?:topic|subject|theme)\b"
        ),
        # "matter" alone is everywhere in prose ("no matter", "it matters").
        frozenset({"topic", "subject", "theme", "matter at hand"}),
        # With a question and a link it makes a run on its own (see sentences.promo_runs).
        precheck=True,
    ),
    Family(
        # Supporting only: farms write it, but so do people ("continue your research").
        "supplement",
        "'supplement your reading'",
        re.compile(
            r"\b(?:supplement|complement|enrich|enhance|continue|further|advance)\s+your\s+"
            r"(?:reading|study|studies|learning|research|education|educational)\b"
        ),
        words("supplement complement enrich enhance continue further advance"),
    ),
    Family(
        "extra",
        "'additional information'",
        re.compile(
            r"\b(?:extra|additional|supplementary|supplemental|complementary|further|more|fresh|"
            r"new|worthwhile|valuable|pertinent|relevant|intriguing|interesting|useful|helpful|"
            r"different)(?:\s*(?:,|and)\s*[a-z-]+)?\s+(?:data|information|info|details|insights|"
            r"perspectives|viewpoints|knowledge|facts|points\s+of\s+view)\b"
        ),
        words("data info details insights perspectives viewpoints knowledge facts points"),
    ),
    Family(
        "enrich",
        "'expand your knowledge'",
        re.compile(
            r"\b(?:expand|broaden|deepen|enhance|enrich|further|improve|increase|boost|widen|"
            r"complement)(?:ing|s)?\s+your\s+(?:knowledge|understanding|comprehension|grasp|view|"
            r"perspective|horizons|insight|awareness)\b"
        ),
        words("your"),
    ),
    Family(
        "question",
        "'interested in learning more?'",
        re.compile(
            r"^(?:are\s+you\s+)?(?:interested\s+in\s+[a-z]+ing"
            r"|(?:do\s+you\s+)?(?:want|wish|wanting|need)\s+to\s+(?:know|learn|discover|read|"
            r"find\s+out|delve|dive|explore|expand|deepen|broaden)"
            r"|looking\s+to\s+(?:delve|dive|learn|know|find|explore|expand|deepen)"
            r"|curious\s+(?:to|about)|should\s+you\s+(?:want|wish|desire|be\s+interested|need)"
            r"|if\s+you(?:'re|\s+are|\s+want|\s+wish|\s+would\s+like)|would\s+you\s+like\s+to"
            r"|eager\s+to|keen\s+to|seeking\s+(?:more|additional|further))\b"
        ),
        words("interested want wish need looking curious should if would eager keen seeking"),
        role="question",
    ),
    Family(
        # A rhetorical question asking for more of the subject, right before the promotional
        # sentence it introduces ("Looking for more information on the subject?"). It only
        # goes with a promotional sentence after it; alone it is an honest question.
        "rhetorical",
        "'looking for more information?'",
        re.compile(
            r"^(?:are\s+you\s+|were\s+you\s+)?(?:looking|searching|hunting|hoping|hungry|"
            rf"thirsty|eager|keen|in\s+search)\s+(?:for|of|to\s+(?:find|get|learn))\s+{_MORE}"
            rf"\b(?:\s+[a-z-]+)?\s+{_INFO}{_QUESTION_END}"
            r"|^(?:(?:do|would)\s+you\s+)?(?:want|wish|need|hoping|like)\s+to\s+(?:broaden|expand|"
            r"deepen|widen|enrich|further|improve|boost|enhance)\s+your\s+(?:knowledge|"
            rf"understanding|grasp|horizons|insight|awareness){_QUESTION_END}"
            rf"|^(?:hoping|looking|want(?:ing)?)\s+to\s+learn\s+more{_QUESTION_END}"
        ),
        words(
            "looking searching hunting hoping hungry thirsty eager keen search want wish need like"
        ),
        role="question",
    ),
    Family(
        "commit",
        "'we're committed'",
        re.compile(
            r"\bwe(?:'re|\s+are)\s+(?:always\s+)?(?:committed|dedicated|devoted)\b"
            r"|\bour\s+(?:dedication|commitment|goal|aim|mission|priority|purpose)\s+is\b"
            r"|\bwe\s+(?:constantly|always|continually|continuously)\s+(?:strive|aim|seek|work)\b"
        ),
        words("we our"),
        role="commit",
    ),
    Family(
        "recommend",
        "'we recommend visiting'",
        re.compile(
            r"\bwe\s+(?:highly\s+|strongly\s+)?(?:recommend|suggest)\s+(?:visiting|exploring|"
            r"checking|accessing|consulting|reading|browsing|this|these)\b"
        ),
        words("recommend suggest"),
        role="weak",
    ),
    Family(
        "lead_in",
        "related-posts lead-in",
        re.compile(
            r"\b(?:related|suggested|recommended|selected|chosen|hand-?picked|curated|external|"
            r"similar)\s+(?:(?:blog|web|external)\s+)?(?:posts?|links?|articles?|resources?|"
            r"sources?|content|readings?|materials?|pages?|websites?|sites?|publications?|reads|"
            r"guides?|stories)\b"
        ),
        words("related suggested recommended selected chosen picked curated external similar"),
        role="lead_in",
    ),
)
BY_NAME = {family.name: family for family in FAMILIES}
# The families a promotional sentence is read for (lead-ins belong to the list rule).
PROMO_FAMILIES = tuple(family for family in FAMILIES if family.role != "lead_in")
# Every gate word or phrase the precheck looks for in raw HTML, longest first.
PRECHECK_FAMILIES = tuple(family for family in FAMILIES if family.precheck)
GATE_WORDS = tuple(
    sorted({word for family in PRECHECK_FAMILIES for word in family.gate_words}, key=len)[::-1]
)

LINK_NOUN_RE = re.compile(
    r"\b(?:posts?|links?|articles?|resources?|sources?|content|readings?|materials?|pages?|"
    r"websites?|sites?|publications?)\b"
)
# A sentence naming an organisation, a journal or a person is written by someone who knows
# their sources; farm boilerplate never does. Runs on the original capitals, not folded text.
PROPER_RE = re.compile(
    r"\b[A-Z]{2,}s?\b|\b(?:Academy|Association|Institute|Clinic|Journal|Society|University|"
    r"Foundation|College|Hospital|Center|Centre|Department|Council|Organi[sz]ation|Agency|Board|"
    r"Ministry|Library|Cochrane|PubMed|Harvard|Mayo|Dermatology|Medicine)\b|\b(?:Dr|Prof)\.|"
    r"\bet\s+al\b|\bdoi\b|\bpmid\b|\bpublished\s+in\b|\b(?:19|20)\d\d\b"
)
