"""The naive peer: the same placeholder rules over a BeautifulSoup(html.parser) tree.

It shares the engine's pure rule definitions (the grammar's word families and the link-target
classification) but does its own work the straightforward way: parse a body into a tree, walk
every block and link, and edit the tree. Like any sensible implementation it first skips
bodies no rule can fire on (``might_hold_spam``: none of the phrase families' gate words, and
no link a link rule could act on), the cheap check anyone would write, not the engine's
line-by-line precheck. No source offsets. The benchmark requires its findings to equal the
engine's on every body.
"""

from __future__ import annotations

from linkcheck.placeholders.findings import ScanResult

from .document import PeerScan
from .precheck import might_hold_spam

__all__ = ["might_hold_spam", "scan"]


def scan(
    html: str, *, page_url: str | None = None, site_hosts: frozenset[str] = frozenset()
) -> ScanResult:
    """The peer's scan: same signature and result type as the engine's."""
    hosts = frozenset(site_hosts)
    if not might_hold_spam(html, page_url, hosts):
        return ScanResult((), html)
    return PeerScan(html, page_url, hosts).run()
