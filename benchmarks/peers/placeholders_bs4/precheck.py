"""The peer's cheap skip: bodies no rule can fire on are not parsed."""

from __future__ import annotations

from linkcheck.placeholders import grammar
from linkcheck.placeholders.families import GATE_WORDS
from linkcheck.placeholders.targets import classify_target, is_money_anchor
from linkcheck.richtext import iter_links

from .blocks import REMOVABLE


def might_hold_spam(html: str, page_url: str | None, site_hosts: frozenset[str]) -> bool:
    """The peer's precheck: False only when no rule can fire, so the body need not be parsed.

    Phrase rules need a gate word of the families the engine prechecks for; the other
    families fire only beside a generic or placeholder link; link rules need a placeholder or
    self target, a placeholder anchor, or a money anchor on an external link.
    """
    lowered = html.lower()
    if any(word in lowered for word in GATE_WORDS):
        return True
    for link in iter_links(html):
        kind = classify_target(
            link.href, link.linktype, page_url=page_url, site_hosts=site_hosts
        ).kind
        text = link.text
        if kind in REMOVABLE and (
            kind != "external"
            or grammar.is_placeholder_anchor(text)
            or grammar.is_generic_anchor(text)
            or is_money_anchor(text)
        ):
            return True
    return False
