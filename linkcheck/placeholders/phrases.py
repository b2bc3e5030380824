"""The phrase families of farm boilerplate, as regexes over folded sentence text.

Each pattern is a family, not a sentence: 'external resource' and 'outside source', 'we've
selected' and 'hand-picked for you', 'learning experience' and 'educational journey'. They
run on text from `grammar.fold` (lower case, straight quotes, single spaces), except PROPER_RE,
which needs the original capitals.
"""

from __future__ import annotations

import re

_NOUN = (
    r"(?:web\s*)?(?:resources?|sources?|sites?|websites?|pages?|webpages?|content|links?|"
    r"materials?|references?|posts?|articles?)"
)
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
SUPPLEMENT_RE = re.compile(
    r"\b(?:supplement|complement|enrich|enhance|continue|further|advance)\s+your\s+"
    r"(?:reading|study|studies|learning|research|education|educational)\b"
)
TOPIC_RE = re.compile(
    r"\b(?:the|this|that)\s+(?:topic|subject|theme|subject\s+matter|matter\s+at\s+hand)\b"
    r"|\bthis\s+article's\s+(?:topic|subject|theme)\b"
)
EXTRA_RE = re.compile(
    r"\b(?:extra|additional|supplementary|supplemental|complementary|further|more|fresh|new|"
    r"worthwhile|valuable|pertinent|relevant|intriguing|interesting|useful|helpful|different)"
    r"(?:\s*(?:,|and)\s*[a-z-]+)?\s+(?:data|information|info|details|insights|perspectives|"
    r"viewpoints|knowledge|facts|points\s+of\s+view)\b"
)
ENRICH_RE = re.compile(
    r"\b(?:expand|broaden|deepen|enhance|enrich|further|improve|increase|boost|widen|complement)"
    r"(?:ing|s)?\s+your\s+(?:knowledge|understanding|comprehension|grasp|view|perspective|"
    r"horizons|insight|awareness)\b"
)
QUESTION_RE = re.compile(
    r"^(?:are\s+you\s+)?(?:interested\s+in\s+[a-z]+ing"
    r"|(?:do\s+you\s+)?(?:want|wish|wanting|need)\s+to\s+(?:know|learn|discover|read|find\s+out|"
    r"delve|dive|explore|expand|deepen|broaden)"
    r"|looking\s+to\s+(?:delve|dive|learn|know|find|explore|expand|deepen)"
    r"|curious\s+(?:to|about)|should\s+you\s+(?:want|wish|desire|be\s+interested|need)"
    r"|if\s+you(?:'re|\s+are|\s+want|\s+wish|\s+would\s+like)|would\s+you\s+like\s+to"
    r"|eager\s+to|keen\s+to|seeking\s+(?:more|additional|further))\b"
)
COMMIT_RE = re.compile(
    r"\bwe(?:'re|\s+are)\s+(?:always\s+)?(?:committed|dedicated|devoted)\b"
    r"|\bour\s+(?:dedication|commitment|goal|aim|mission|priority|purpose)\s+is\b"
    r"|\bwe\s+(?:constantly|always|continually|continuously)\s+(?:strive|aim|seek|work)\b"
)
RECOMMEND_RE = re.compile(
    r"\bwe\s+(?:highly\s+|strongly\s+)?(?:recommend|suggest)\s+(?:visiting|exploring|checking|"
    r"accessing|consulting|reading|browsing|this|these)\b"
)
# A sentence naming an organisation, a journal or a person is written by someone who knows
# their sources; farm boilerplate never does.
PROPER_RE = re.compile(
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
LINK_NOUN_RE = re.compile(
    r"\b(?:posts?|links?|articles?|resources?|sources?|content|readings?|materials?|pages?|"
    r"websites?|sites?|publications?)\b"
)
