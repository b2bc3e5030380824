"""A cheap look at raw stored HTML: can any spam rule fire, and in which lines?

Every rule needs something to fire: a lead-in or promotional sentence needs one of the
grammar's key phrases ('external resource', 'we've selected', 'learning experience',
'the subject', 'related posts'), a generic link needs a call-to-action anchor, a placeholder
needs a telling href or anchor, an injected link a promotion-looking href. This module looks
for those with a few fast scans and confirms phrase hits on the text of the line around them,
so clean bodies are turned away without building any structure. It may say yes to a clean
body, never no to a spammy one (words are assumed not to be split by markup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlsplit

from blog.linkcheck.placeholders import grammar
from blog.linkcheck.richtext import TAG_RE

# Each key phrase of the grammar contains one of these words (see grammar.RESOURCE_RE,
# SELECTED_RE, EDUCATION_RE, TOPIC_RE and LEAD_IN_RE); each hit is confirmed below. Plain
# substring search beats one alternation regex here by about two to one.
_GATE_WORDS = sorted(
    grammar.words(
        "external outside third-party off-site recommended suggested selected chosen picked "
        "curated prepared gathered compiled together assembled experience journey quest "
        "adventure path topic subject theme related similar matter"
    )
)
_AT_HAND_RE = re.compile(r"(?:\s|&nbsp;|<[^>]*>)+at\b")
# Sentences never cross these: block tags and <br>.
_BOUNDARY_RE = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|blockquote|pre|div|table|tr|td|th|figure|embed|hr)[\s/>]|<br[\s/>]"
)
_ANCHOR_RE = re.compile(r"<a[\s>][^>]*>((?:[^<]|<(?!/a[\s>]))*)</a")
_FIRST_WORD_RE = re.compile(r"[a-z]+")
_PLACEHOLDER_FIRST = grammar.words(
    "related recommended suggested similar another sample example dummy test placeholder post "
    "posts article articles link links page pages item items title titles story stories your "
    "insert add put paste a the url anchor lorem dolor todo tbd tk http https www"
)
_NO_TARGET_RE = re.compile(r"<a(?![^>]*\b(?:href|linktype)\s*=)(?:\s[^>]*)?>")
_HREF_RE = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]*))""")
_HREF_TRIGGER_RE = re.compile(
    # empty, "#", javascript:, about:, host-less and unparsable hrefs
    r"^\s*(?:#[!0]?)?\s*$|^\s*(?:javascript|about):|^\s*https?:(?!//[^/\s])|\["
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
_CONFIRM = (grammar.RESOURCE_RE, grammar.SELECTED_RE, grammar.EDUCATION_RE, grammar.TOPIC_RE)
_NEXT_TEXT_RE = re.compile(r"(?:\s|<[^>]*>|&nbsp;|&#160;)*([^<\s][^<]{0,80})")


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
    links = _links_need_a_look(html, lowered, page_url)
    return Hints(_confirmed_phrases(html, lowered), links)


def may_contain_spam(html: str, page_url: str | None = None) -> bool:
    """False only when no spam rule can fire on this stored HTML."""
    return bool(hints(html, page_url))


def _links_need_a_look(html: str, lowered: str, page_url: str | None) -> bool:
    if "<a" not in lowered:
        return False
    if _NO_TARGET_RE.search(lowered):
        return True
    hrefs = []
    for match in _HREF_RE.finditer(lowered):
        href = match.group(match.lastindex or 3) or ""  # the one quoting style that matched
        hrefs.append(unescape(href).replace("\n", " ") if "&" in href else href)
    if hrefs and _HREF_TRIGGER_RE.search("\n".join(hrefs)):
        return True
    if page_url and _mentions_page(lowered, page_url):
        return True
    for text in _ANCHOR_RE.findall(lowered):
        if "<" in text:
            text = TAG_RE.sub("", text)
        if "&" in text:
            text = unescape(text)
        first = _FIRST_WORD_RE.search(grammar.fold(text))
        if first is None:
            continue
        word = first.group()
        if word in grammar.ANCHOR_VERBS and grammar.is_generic_anchor(text):
            return True
        if word in _PLACEHOLDER_FIRST and grammar.is_placeholder_anchor(text):
            return True
    return False


def _mentions_page(lowered: str, page_url: str) -> bool:
    try:
        path = urlsplit(page_url).path.rstrip("/").lower()
    except ValueError:
        return True
    return not path or path in lowered


def _confirmed_phrases(html: str, lowered: str) -> tuple[int, ...]:
    confirmed: list[int] = []
    seen: dict[int, bool] = {}
    for word in _GATE_WORDS:
        offset = lowered.find(word)
        while offset >= 0:
            if _confirms(html, lowered, word, offset, seen):
                confirmed.append(offset)
            offset = lowered.find(word, offset + len(word))
    return tuple(sorted(confirmed))


def _confirms(html: str, lowered: str, word: str, offset: int, seen: dict[int, bool]) -> bool:
    """Whether the line holding a gate word matches one of the grammar's key phrases."""
    if lowered.rfind("<", 0, offset) > lowered.rfind(">", 0, offset):
        return False  # inside a tag (an href, an alt text): the rules only read text
    if word == "matter" and not _AT_HAND_RE.match(lowered, offset + len(word)):
        return False  # "matter" only counts in "matter at hand"
    start, end = _line_around(lowered, offset)
    if start not in seen:
        text = grammar.fold(unescape(TAG_RE.sub("", html[start:end])))
        seen[start] = any(pattern.search(text) for pattern in _CONFIRM) or (
            bool(grammar.LEAD_IN_RE.search(text)) and _opens_a_list(lowered, text, end)
        )
    return seen[start]


def _opens_a_list(lowered: str, text: str, end: int) -> bool:
    """Whether a line can be a lead-in: it ends in a colon and item-like text follows.

    A list's first item is the next text after the lead-in's line (empty blocks hold none),
    and an item is a generic anchor (a call-to-action verb first) or a placeholder.
    """
    if not text.rstrip("\"'").endswith(":"):
        return False
    following = _NEXT_TEXT_RE.match(lowered, end)
    if following is None:
        return False
    first = _FIRST_WORD_RE.search(grammar.fold(unescape(following.group(1))))
    return first is not None and (
        first.group() in grammar.ANCHOR_VERBS
        or first.group() in _PLACEHOLDER_FIRST
        or first.group().startswith("xxx")
    )


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
