"""A cheap test over raw stored HTML: could any spam rule fire on this text at all?

Each rule needs some word or markup to fire (a lead-in needs 'related' or 'selected', a
promotional sentence needs 'external', 'selected', 'learning experience' or a generic link,
a placeholder needs a telling href or anchor), so a body with none of them is clean without
being parsed. The patterns below are those necessary conditions, loosened to survive tags and
entities between words; they may say yes to a clean body, never no to a spammy one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from blog.linkcheck.placeholders.grammar import ANCHOR_VERBS, words

_SP = r"(?:\s|&nbsp;|&#160;|&#xa0;|<[^>]*>)+"
_VOCABULARY = (
    r"external|outside|third-party|off-site|recommended|suggested|selected|chosen|picked|"
    r"prepared|gathered|compiled|curated|assembled|specially|carefully|related|similar|"
    rf"put{_SP}together"
    rf"|(?:learning|educational|education|reading|study|research|knowledge){_SP}"
    r"(?:experience|journey|quest|adventure|path)"
    rf"|your{_SP}(?:reading|study|studies|learning|research|education)"
    rf"|(?:the|this|that){_SP}(?:topic|subject|theme)|subject{_SP}matter|matter{_SP}at{_SP}hand"
    rf"|article\S{{0,8}}s{_SP}(?:topic|subject|theme)"
)
_PLACEHOLDER_STARTS = words(
    "related recommended suggested similar another sample example dummy test placeholder post "
    "posts article articles link links page pages item items title titles story stories your "
    "insert add put paste a the url anchor lorem dolor todo tbd tk xxx http https www"
)
_ANCHOR_START = "|".join(sorted({*ANCHOR_VERBS, *_PLACEHOLDER_STARTS}, key=len, reverse=True))
_MARKUP = (
    # an anchor whose text opens with a call-to-action verb or a placeholder word
    rf"<a[\s>][^>]*>(?:[^a-z0-9<&]|&[a-z0-9#]+;|<[^>]*>)*(?:{_ANCHOR_START})(?![a-z])"
    # an anchor with neither href nor linktype
    r"|<a(?![^>]*\b(?:href|linktype)\s*=)(?:\s[^>]*)?>"
    # empty, "#", javascript:, about:, host-less or unparsable hrefs
    r"""|href\s*=\s*(?:["']\s*(?:#[!0]?\s*)?["']|["']?\s*(?:#|javascript|about:))"""
    r"""|href\s*=\s*["']?\s*https?:(?!//[^/"'\s>])|href\s*=\s*["'][^"'>]*\["""
    # reserved and template hosts
    r"|example\.(?:com|org|net)|\.(?:test|invalid|example|localhost)\b|localhost"
    r"|your-?(?:domain|site|website|url|link|blog)\."
    # affiliate and promotion targets
    r"|[?&;](?:aff|ref|referral|referrer_id|partner|click_?id|sub_?id|irclickid|avad|"
    r"tracking_?id)[a-z_]*=|utm_"
    r"|/(?:go|out|aff|affiliate|affiliates|refer|recommends|track|click|redirect|goto|visit|deal)/"
    r"""|\.(?:xyz|top|shop|store|click|buzz|loan|bet|casino|win|online|site|live|vip|club|biz|pw"""
    r"""|icu|cyou|rest|bond|sbs|cfd)[/:"'?#\s>]"""
    r"|(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|cutt\.ly|rebrand\.ly|shorturl\.at|"
    r"buff\.ly|rb\.gy|tiny\.cc|s\.id)/"
)
_VOCABULARY_RE = re.compile(_VOCABULARY)
_VOCABULARY_IC_RE = re.compile(_VOCABULARY, re.IGNORECASE)
_TRIGGER_RE = re.compile(f"{_VOCABULARY}|{_MARKUP}")


def may_contain_spam(html: str, page_url: str | None = None) -> bool:
    """False only when no spam rule can fire on this stored HTML."""
    if _TRIGGER_RE.search(html.lower()):
        return True
    if page_url:
        try:
            path = urlsplit(page_url).path.rstrip("/")
        except ValueError:
            return True
        return not path or path in html
    return False


def spam_vocabulary(html: str) -> list[int]:
    """Offsets of the words lead-ins and promotional sentences cannot do without."""
    lowered = html.lower()
    if len(lowered) != len(html):  # a few characters (e.g. U+0130) lower-case to two
        return [match.start() for match in _VOCABULARY_IC_RE.finditer(html)]
    return [match.start() for match in _VOCABULARY_RE.finditer(lowered)]
