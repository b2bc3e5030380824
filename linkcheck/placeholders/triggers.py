"""A cheap look at raw stored HTML: can any spam rule fire, and in which lines?

Every rule needs something to fire: a lead-in or promotional sentence needs one of the
gate words of the phrase families (`families`: 'external resource', 'we've selected',
'learning experience', 'the subject', 'related posts'), a generic link needs a call-to-action
anchor, a placeholder needs a telling href or anchor, an injected link a promotion-looking href. This module looks
for those with a few fast scans and confirms phrase hits on the text of the line around them,
so clean bodies are turned away without building any structure. It may say yes to a clean
body, never no to a spammy one (words are assumed not to be split by markup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

from linkcheck.placeholders import grammar
from linkcheck.placeholders.families import BY_NAME, GATE_WORDS, PRECHECK_FAMILIES
from linkcheck.richtext import LINK_PATTERN, TAG_RE

_TAG_START = frozenset("abcdefghijklmnopqrstuvwxyz/!")
# Sentences never cross these: block tags and <br>.
_BOUNDARY_RE = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|blockquote|pre|div|table|tr|td|th|figure|embed|hr)[\s/>]|<br[\s/>]"
)
_LINK_RE = re.compile(LINK_PATTERN)  # the engine's own link pattern, over lower-cased text
# One match per line (link) that has a target attribute.
_TARGET_ATTR_RE = re.compile(r"^[^\n]*?(?<![\w-])(?:href|linktype)\s*=", re.MULTILINE)
# A lead-in's colon ends its line: only quotes, inline closing tags and spaces before the
# block's end or a <br>.
_COLON_END_RE = re.compile(
    r":(?:[\"'\u201d\u2019]|&[a-z0-9#]+;|\s|</(?:a|b|i|em|strong|span|u|s|sub|sup|code)\s*>)*"
    r"(?:</(?:p|h[1-6]|li|blockquote|pre|div)\s*>|<br[\s/>])"
)
_FIRST_WORD_RE = re.compile(r"[a-z]+")
_PLACEHOLDER_FIRST = grammar.words(
    "related recommended suggested similar another sample example dummy test placeholder post "
    "posts article articles link links page pages item items title titles story stories "
    "insert add put paste url anchor lorem dolor todo tbd tk http https www"
)
# Anchor texts (one per line) that the grammar could call generic or placeholder: a generic
# anchor is a verb then vocabulary words, never digits; "a", "the" and "your" only start
# placeholders like "your link here".
_ANCHOR_START_RE = re.compile(
    r"^[^a-z\n]*+(?:(?:"
    + "|".join(sorted(grammar.ANCHOR_VERBS, key=len, reverse=True))
    + r")(?![a-z])[^\d\n]*|(?:"
    + "|".join(sorted(_PLACEHOLDER_FIRST, key=len, reverse=True))
    + r"|x{3,}|(?:a|the|your)\s+(?:(?:a|the|your)\s+)?(?:link|url|anchor|title))(?![a-z])[^\n]*)$",
    re.MULTILINE,
)
_HREF_RE = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]*))""")
_HREF_TRIGGER_RE = re.compile(
    # empty, "#", javascript:, about:, host-less and unparsable hrefs
    # (hrefs arrive with whitespace squeezed out, as targets.classify_target reads them)
    r"^[#!0]*$|^(?:javascript|about):|^https?:(?!//[^/])|\[|[^\x00-\x7f]"
    # reserved and template hosts
    r"|example\.(?:com|org|net)|\.(?:test|invalid|example|localhost)\b|localhost"
    r"|your-?(?:domain|site|website|url|link|blog)\."
    # affiliate and promotion targets (see targets.affiliate_signals)
    r"|[?&;](?:aff|ref|partner|click_?id|sub_?id|irclickid|avad|tracking_?id)[a-z_]*=|utm_"
    r"|/(?:go|out|aff|affiliate|affiliates|refer|recommends|track|click|redirect|goto|visit|deal)/"
    r"|\.(?:xyz|top|shop|store|click|buzz|loan|bet|casino|win|online|site|live|vip|club|biz|pw"
    r"|icu|cyou|rest|bond|sbs|cfd)(?:[/:?#]|$)",
    re.MULTILINE,
)
# The gate words of the families a rule can fire on without a link (families.GATE_WORDS);
# each hit is confirmed on its line by those families' patterns. Plain substring search
# beats one alternation regex here by about two to one.
_CONFIRM = tuple(family.pattern for family in PRECHECK_FAMILIES)
# A gate word of several words ("matter at hand") is found by its first word, then the rest
# may be separated by any whitespace, entity space or tag, as in stored HTML.
_GAP = r"(?:\s|&nbsp;|&#160;|&#xa0;|<[^>]*>)+"
_GATES = tuple(
    (
        parts[0],
        re.compile("".join(_GAP + re.escape(part) for part in parts[1:])) if parts[1:] else None,
    )
    for parts in (word.split() for word in GATE_WORDS)
)
_LEAD_IN_PHRASES = re.compile(
    f"{BY_NAME['lead_in'].pattern.pattern}|{BY_NAME['selected'].pattern.pattern}"
)
_SKIP_MARKUP_RE = re.compile(r"(?:\s|<[a-z/!][^>]*>)*")
_TEXT_RUN_RE = re.compile(r"[^<]+")
_ITEM_FIRST_WORDS = grammar.ANCHOR_VERBS | _PLACEHOLDER_FIRST | {"a", "the", "your"}


@dataclass(frozen=True, slots=True)
class Hints:
    """What the precheck saw: offsets of confirmed key phrases, and whether links need a look."""

    phrases: tuple[int, ...]
    links: bool

    def __bool__(self) -> bool:
        return bool(self.phrases) or self.links


def hints(html: str, page_url: str | None = None) -> Hints:
    """Where spam may be; falsy when no rule can fire on this stored HTML."""
    lowered = html.lower()
    if len(lowered) != len(html):  # a few characters (e.g. U+0130) lower-case to two
        lowered = "".join(char.lower()[0] for char in html)
    links = _links_need_a_look(lowered, page_url)
    return Hints(_confirmed_phrases(html, lowered), links)


def may_contain_spam(html: str, page_url: str | None = None) -> bool:
    """False only when no spam rule can fire on this stored HTML."""
    return bool(hints(html, page_url))


def _links_need_a_look(lowered: str, page_url: str | None) -> bool:
    links = _LINK_RE.findall(lowered) if "<a" in lowered else []
    if not links:
        return False
    attrs = "\n".join(attrs.replace("\n", " ") for attrs, _text in links)
    if len(_TARGET_ATTR_RE.findall(attrs)) < len(links):
        return True  # a link with neither href nor linktype
    hrefs = [match.group(match.lastindex or 3) or "" for match in _HREF_RE.finditer(attrs)]
    if hrefs and _HREF_TRIGGER_RE.search("\n".join(_squeeze(href) for href in hrefs)):
        return True
    if page_url and _mentions_page(lowered, page_url):
        return True
    texts = "\n".join(text.replace("\n", " ") for _attrs, text in links)
    if "<" in texts:
        texts = TAG_RE.sub("", texts)
    if "&" in texts:
        texts = unescape(texts)
    for match in _ANCHOR_START_RE.finditer(texts):
        text = match.group()
        if grammar.is_generic_anchor(text) or grammar.is_placeholder_anchor(text):
            return True
    return False


def suspicious_href(href: str | None, page_url: str | None = None) -> bool:
    """False only when an href cannot be a placeholder, self-link or promotion target."""
    lowered = (href or "").lower()
    if _HREF_TRIGGER_RE.search(_squeeze(lowered)):
        return True
    return bool(page_url) and _mentions_page(lowered, page_url)


def _squeeze(href: str) -> str:
    """An href decoded and without whitespace, the form its classification reads."""
    return "".join((unescape(href) if "&" in href else href).split())


def _mentions_page(lowered: str, page_url: str) -> bool:
    try:
        path = urlsplit(page_url).path.rstrip("/").lower()
    except ValueError:
        return True
    return not path or path in lowered


def _confirmed_phrases(html: str, lowered: str) -> tuple[int, ...]:
    confirmed: list[int] = []
    lines: dict[int, str] = {}
    for first, rest in _GATES:
        offset = lowered.find(first)
        while offset >= 0:
            after = offset + len(first)
            if (rest is None or rest.match(lowered, after)) and _confirms_promo(
                html, lowered, offset, lines
            ):
                confirmed.append(offset)
            offset = lowered.find(first, after)
    if ":" in lowered:
        for match in _COLON_END_RE.finditer(lowered):
            if _confirms_lead_in(html, lowered, match.start(), lines):
                confirmed.append(match.start())
    return tuple(sorted(confirmed))


def _line_text(html: str, lowered: str, offset: int, lines: dict[int, str]) -> tuple[int, int, str]:
    """The folded text of the line around an offset, cached by the line's start."""
    start, end = _line_around(lowered, offset)
    if start not in lines:
        lines[start] = grammar.fold(unescape(TAG_RE.sub("", html[start:end])))
    return start, end, lines[start]


def _confirms_promo(html: str, lowered: str, offset: int, lines: dict[int, str]) -> bool:
    """Whether the line holding a gate word matches a promotional key phrase."""
    opened = lowered.rfind("<", 0, offset)
    if opened > lowered.rfind(">", 0, offset) and lowered[opened + 1 : opened + 2] in _TAG_START:
        return False  # inside a tag (an href, an alt text): the rules only read text
    _start, _end, text = _line_text(html, lowered, offset, lines)
    return any(pattern.search(text) for pattern in _CONFIRM)


def _confirms_lead_in(html: str, lowered: str, offset: int, lines: dict[int, str]) -> bool:
    """Whether a colon ending a line ends a lead-in (its phrase may sit on the line before)."""
    start, end, text = _line_text(html, lowered, offset, lines)
    if not _opens_a_list(lowered, text, end):
        return False
    if _LEAD_IN_PHRASES.search(text):
        return True
    return start > 0 and bool(
        _LEAD_IN_PHRASES.search(_line_text(html, lowered, start - 1, lines)[2])
    )


def _opens_a_list(lowered: str, text: str, end: int) -> bool:
    """Whether a line can be a lead-in: it ends in a colon and item-like text follows.

    A list's first item is the next text after the lead-in's line (empty blocks hold none),
    and an item is a generic anchor (a call-to-action verb first) or a placeholder.
    """
    if not text.rstrip("\"'").endswith(":"):
        return False
    word = _next_word(lowered, end)
    return word is None or word in _ITEM_FIRST_WORDS or word.startswith("xxx")


def _next_word(lowered: str, offset: int) -> str | None:
    """The first word of text after an offset, skipping markup and blank runs (None: unsure)."""
    while offset < len(lowered):
        offset = _SKIP_MARKUP_RE.match(lowered, offset).end()
        run = _TEXT_RUN_RE.match(lowered, offset)
        if run is None:
            return None  # a bare "<": let the full rules decide
        word = _FIRST_WORD_RE.search(grammar.fold(unescape(run.group())))
        if word is not None:
            return word.group()
        offset = run.end()
    return ""


def _line_around(lowered: str, offset: int) -> tuple[int, int]:
    """The source range between the block or <br> boundaries on either side of an offset."""
    start = offset
    while True:
        start = lowered.rfind("<", 0, start)
        if start < 0:
            start = 0
            break
        if _BOUNDARY_RE.match(lowered, start):
            break
    end = offset
    while True:
        end = lowered.find("<", end + 1)
        if end < 0:
            end = len(lowered)
            break
        if _BOUNDARY_RE.match(lowered, end):
            break
    return start, end
