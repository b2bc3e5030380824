"""Find and remove content-farm 'related posts' spam from Wagtail's stored rich text.

`scan()` is pure: stored HTML in, findings and cleaned HTML out. It edits the source string
in place, so every byte outside a removed span survives, and input with no findings comes
back as the very same string. A cheap precheck over the raw string turns clean bodies away
before anything is parsed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from blog.linkcheck import spam_grammar as grammar
from blog.linkcheck.richtext import (
    BLOCK_TAGS,
    LIST_TAGS,
    RichTextLink,
    TextMap,
    collapse,
    iter_blocks,
    iter_links,
    text_content,
    unpaired_tags,
)
from blog.linkcheck.spam_targets import (
    Target,
    affiliate_signals,
    classify_target,
    is_money_anchor,
)
from blog.linkcheck.spam_triggers import may_contain_spam, spam_vocabulary

ITEM_TAGS = frozenset({"p", "li"})
PROSE_TAGS = frozenset({"p", "li", "blockquote"})
REMOVABLE_TARGETS = frozenset({"external", "placeholder", "self"})
_LIST_GAP_RE = re.compile(r"(?:\s|</?(?:ul|ol)(?:\s[^>]*)?>)*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of spam: what kind, what was done, its text and link target, and why."""

    kind: str  # promo_sentence, related_list, placeholder_link or injected_link
    action: str  # removed, unwrapped or flagged (unwrapped, and the page needs review)
    text: str
    href: str | None
    reason: str

    def as_dict(self) -> dict[str, str | None]:
        """JSON-friendly form."""
        return {
            "kind": self.kind,
            "action": self.action,
            "text": self.text,
            "href": self.href,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Everything one scan found, and the HTML with it removed."""

    findings: tuple[Finding, ...]
    cleaned_html: str

    @property
    def changed(self) -> bool:
        """Whether cleaning altered the HTML (every finding edits it)."""
        return bool(self.findings)

    def as_dict(self) -> dict[str, object]:
        """JSON-friendly form: {"findings": [...], "cleaned_html": "..."}."""
        return {
            "findings": [finding.as_dict() for finding in self.findings],
            "cleaned_html": self.cleaned_html,
        }


def scan(
    html: str, *, page_url: str | None = None, site_hosts: frozenset[str] = frozenset()
) -> ScanResult:
    """Find placeholder and related-posts spam in one stored rich-text value and remove it."""
    if not may_contain_spam(html, page_url):
        return ScanResult((), html)
    return _Scan(html, page_url, frozenset(site_hosts)).run()


@dataclass(slots=True)
class _Link:
    link: RichTextLink
    target: Target
    leaf: int | None  # position in _Scan.leaves of the block holding it


class _View:
    """Text, sentences and link text ranges of one leaf block."""

    __slots__ = ("links", "map", "sentences", "text")

    def __init__(self, html: str, start: int, end: int, links: list[_Link]) -> None:
        self.map = TextMap(html, start, end)
        self.text = self.map.text
        self.sentences = grammar.split_sentences(self.text)
        self.links = [
            (
                item,
                self.map.text_index(item.link.inner_start),
                self.map.text_index(item.link.inner_end),
            )
            for item in links
        ]

    def links_in(self, start: int, end: int) -> list[_Link]:
        """Links whose text overlaps text[start:end] (empty links inside it count)."""
        return [
            item for item, lo, hi in self.links if lo < end and (hi > start or lo == hi >= start)
        ]


class _Scan:
    """One scan of one document: detection passes, then a single splice of the edits."""

    def __init__(self, html: str, page_url: str | None, site_hosts: frozenset[str]) -> None:
        self.html = html
        self.blocks = iter_blocks(html)
        self.leaves = [
            index
            for index, block in enumerate(self.blocks)
            if block.leaf and block.tag in BLOCK_TAGS
        ]
        self._leaf_starts = [self.blocks[index].inner_start for index in self.leaves]
        self.links = [
            _Link(
                link,
                classify_target(link.href, link.linktype, page_url=page_url, site_hosts=site_hosts),
                self.leaf_of(link.start),
            )
            for link in iter_links(html)
        ]
        self._views: dict[int, _View] = {}
        self.removed: dict[int, set[int]] = {}  # leaf -> sentence indices to cut
        self.dropped: set[int] = set()  # leaves removed whole
        self.link_actions: dict[int, str] = {}  # index in self.links -> removed/unwrapped/flagged
        self.found: list[tuple[int, Finding]] = []  # (source position, finding)

    # --- structure -----------------------------------------------------------------------

    def leaf_of(self, offset: int) -> int | None:
        position = bisect_right(self._leaf_starts, offset) - 1
        if position >= 0 and offset < self.blocks[self.leaves[position]].inner_end:
            return position
        return None

    def tag(self, leaf: int) -> str:
        return self.blocks[self.leaves[leaf]].tag

    def view(self, leaf: int) -> _View:
        if leaf not in self._views:
            block = self.blocks[self.leaves[leaf]]
            links = [item for item in self.links if item.leaf == leaf]
            self._views[leaf] = _View(self.html, block.inner_start, block.inner_end, links)
        return self._views[leaf]

    def next_leaf(self, leaf: int) -> int | None:
        """The next leaf if only whitespace and list tags separate them (same list or run)."""
        if leaf + 1 >= len(self.leaves):
            return None
        gap_start = self.blocks[self.leaves[leaf]].end
        gap_end = self.blocks[self.leaves[leaf + 1]].start
        if _LIST_GAP_RE.fullmatch(self.html, gap_start, gap_end):
            return leaf + 1
        return None

    def note(
        self, position: int, kind: str, action: str, text: str, href: str | None, reason: str
    ) -> None:
        self.found.append((position, Finding(kind, action, collapse(text), href, reason)))

    # --- detection -----------------------------------------------------------------------

    def run(self) -> ScanResult:
        candidates = sorted(
            {
                leaf
                for leaf in (self.leaf_of(pos) for pos in spam_vocabulary(self.html))
                if leaf is not None
            }
            | {
                item.leaf
                for item in self.links
                if item.leaf is not None
                and item.target.kind in REMOVABLE_TARGETS
                and grammar.is_generic_anchor(item.link.text)
            }
        )
        for leaf in candidates:
            if leaf not in self.dropped:
                self.find_lead_in(leaf)
        self.find_orphan_lists()
        for leaf in candidates:
            if leaf not in self.dropped and self.tag(leaf) in PROSE_TAGS:
                self.find_promo(leaf)
        spam_marked = bool(self.found)
        for index, item in enumerate(self.links):
            self.judge_link(index, item, spam_marked)
        if not self.found:
            return ScanResult((), self.html)
        self.found.sort(key=lambda pair: pair[0])
        return ScanResult(tuple(finding for _pos, finding in self.found), self.splice())

    def is_item(self, view: _View, sentence: int) -> bool:
        start, end = view.sentences[sentence]
        text = view.text[start:end]
        if not (grammar.is_generic_anchor(text) or grammar.is_placeholder_anchor(text)):
            return False
        return all(item.target.kind in REMOVABLE_TARGETS for item in view.links_in(start, end))

    def find_lead_in(self, leaf: int) -> None:
        view = self.view(leaf)
        for k, (start, end) in enumerate(view.sentences):
            if not grammar.is_lead_in(view.text[start:end]):
                continue
            inline = k + 1
            while inline < len(view.sentences) and self.is_item(view, inline):
                inline += 1
            following: list[int] = []
            if inline == len(view.sentences):
                below = self.next_leaf(leaf)
                while below is not None:
                    below_view = self.view(below)
                    if below_view.sentences:
                        if self.tag(below) not in ITEM_TAGS or not all(
                            self.is_item(below_view, j) for j in range(len(below_view.sentences))
                        ):
                            break
                        following.append(below)
                    below = self.next_leaf(below)
            if inline == k + 1 and not following:
                continue
            self.remove_sentences(leaf, range(k, k + 1), "related-posts lead-in", None)
            self.remove_sentences(
                leaf, range(k + 1, inline), "generic anchor under a related-posts lead-in"
            )
            for below in following:
                self.dropped.add(below)
                below_view = self.view(below)
                self.remove_sentences(
                    below,
                    range(len(below_view.sentences)),
                    "generic anchor under a related-posts lead-in",
                )
            return

    def remove_sentences(
        self, leaf: int, indices: range, reason: str, kind: str | None = "related_list"
    ) -> None:
        view = self.view(leaf)
        for index in indices:
            start, end = view.sentences[index]
            links = view.links_in(start, end)
            self.removed.setdefault(leaf, set()).add(index)
            self.note(
                view.map.source_start(start),
                kind or "related_list",
                "removed",
                view.text[start:end],
                links[0].link.href if links else None,
                reason,
            )

    def find_orphan_lists(self) -> None:
        listy = sorted(
            {
                item.leaf
                for item in self.links
                if item.leaf is not None
                and item.leaf not in self.dropped
                and item.target.kind in REMOVABLE_TARGETS
                and grammar.is_listy_generic_anchor(item.link.text)
            }
        )
        run: list[int] = []
        for leaf in [*listy, None]:
            if (
                leaf is not None
                and self._is_lone_link_item(leaf)
                and (not run or self.next_leaf(run[-1]) == leaf)
            ):
                run.append(leaf)
                continue
            if len(run) >= 2:
                for member in run:
                    self.dropped.add(member)
                    view = self.view(member)
                    self.remove_sentences(
                        member,
                        range(len(view.sentences)),
                        f"run of {len(run)} generic related-post links with no lead-in",
                    )
            run = [leaf] if leaf is not None and self._is_lone_link_item(leaf) else []

    def _is_lone_link_item(self, leaf: int) -> bool:
        if self.tag(leaf) not in ITEM_TAGS:
            return False
        view = self.view(leaf)
        return (
            len(view.links) == 1
            and view.links[0][0].target.kind in REMOVABLE_TARGETS
            and collapse(view.text) == view.links[0][0].link.text
            and grammar.is_listy_generic_anchor(view.links[0][0].link.text)
        )

    def find_promo(self, leaf: int) -> None:
        view = self.view(leaf)
        cut = self.removed.get(leaf, set())
        features: list[frozenset[str] | None] = []
        for index, (start, end) in enumerate(view.sentences):
            links = view.links_in(start, end)
            if index in cut or any(item.target.kind not in REMOVABLE_TARGETS for item in links):
                features.append(None)
                continue
            features.append(
                grammar.promo_features(
                    view.text[start:end],
                    plain=_without_links(view, start, end),
                    generic_link=any(grammar.is_generic_anchor(item.link.text) for item in links),
                    has_link=bool(links),
                )
            )
        for first, last in grammar.promo_runs(features):
            for index in range(first, last):
                reason = "promotional sentence: " + grammar.describe_features(features[index])
                self.remove_sentences(leaf, range(index, index + 1), reason, "promo_sentence")

    def judge_link(self, index: int, item: _Link, spam_marked: bool) -> None:
        kind = item.target.kind
        if kind not in REMOVABLE_TARGETS or self._link_is_cut(item):
            return
        text = item.link.text
        standalone = (
            item.leaf is not None
            and self.tag(item.leaf) in ITEM_TAGS
            and collapse(self.view(item.leaf).text) == text
        )
        placeholder = kind in ("placeholder", "self") or grammar.is_placeholder_anchor(text)
        if placeholder:
            reason = (
                item.target.reason if kind != "external" else f"placeholder anchor text '{text}'"
            )
            gone = standalone and (
                not text or grammar.is_placeholder_anchor(text) or grammar.is_generic_anchor(text)
            )
            action = "removed" if gone else "unwrapped"
            self.link_actions[index] = action
            self.note(
                item.link.inner_start, "placeholder_link", action, text, item.link.href, reason
            )
            return
        if standalone or not is_money_anchor(text):
            return
        signals = list(affiliate_signals(item.link.href))
        if spam_marked:
            signals.append(("spam elsewhere in the text", 2))
        if sum(weight for _label, weight in signals) >= 2:
            self.link_actions[index] = "flagged"
            reason = f"money keyword link to a promotion target ({', '.join(label for label, _w in signals)})"
            self.note(
                item.link.inner_start, "injected_link", "flagged", text, item.link.href, reason
            )

    def _link_is_cut(self, item: _Link) -> bool:
        if item.leaf is None:
            return False
        if item.leaf in self.dropped:
            return True
        cut = self.removed.get(item.leaf)
        if not cut:
            return False
        view = self.view(item.leaf)
        for _item, lo, hi in view.links:
            if _item is item:
                return any(
                    lo < view.sentences[i][1]
                    and (hi > view.sentences[i][0] or lo == hi >= view.sentences[i][0])
                    for i in cut
                )
        return False

    # --- editing -------------------------------------------------------------------------

    def splice(self) -> str:
        html = self.html
        cuts: dict[int, list[tuple[int, int]]] = {}
        for leaf, indices in self.removed.items():
            if leaf not in self.dropped:
                spans = self._sentence_cuts(leaf, sorted(indices))
                if spans is None:
                    self.dropped.add(leaf)
                else:
                    cuts[leaf] = spans
        edits: dict[int | None, list[tuple[int, int, str]]] = {}
        for index, action in self.link_actions.items():
            link = self.links[index].link
            if action == "removed":
                spans = [(link.start, link.end, "")]
            else:
                spans = [(link.start, link.inner_start, ""), (link.inner_end, link.end, "")]
            edits.setdefault(self.links[index].leaf, []).extend(spans)
        replacements: list[tuple[int, int, str]] = list(edits.pop(None, []))
        for leaf in sorted(cuts.keys() | edits.keys()):
            if leaf in self.dropped:
                continue
            block = self.blocks[self.leaves[leaf]]
            spans = _merge_cuts(html, cuts.get(leaf, []), edits.get(leaf, []))
            inner = _apply(html, block.inner_start, block.inner_end, spans)
            if text_content(inner):
                replacements.append((block.inner_start, block.inner_end, inner))
            else:
                self.dropped.add(leaf)
        dropped_blocks = {self.leaves[leaf] for leaf in self.dropped}
        for index, block in enumerate(self.blocks):
            if block.tag in LIST_TAGS and self._list_emptied(index, dropped_blocks):
                dropped_blocks.add(index)
        for index in dropped_blocks:
            replacements.append((self.blocks[index].start, self.blocks[index].end, ""))
        return _apply(html, 0, len(html), replacements)

    def _sentence_cuts(self, leaf: int, indices: list[int]) -> list[tuple[int, int]] | None:
        """Source spans for removed sentence runs; None when the whole block goes."""
        view = self.view(leaf)
        sentences = view.sentences
        block = self.blocks[self.leaves[leaf]]
        spans = []
        for first, last in _runs(indices):
            at_start, at_end = first == 0, last == len(sentences) - 1
            if at_start and at_end:
                return None
            if at_end:  # take the whitespace before the run, keep the block's closing markup
                start = view.map.source_end(sentences[first - 1][1])
                end = block.inner_end
            else:  # take the run and the whitespace after it, up to the next sentence's tags
                start = block.inner_start if at_start else view.map.source_end(sentences[first][0])
                end = view.map.source_end(sentences[last + 1][0])
            spans.append((start, end))
        return spans

    def _list_emptied(self, index: int, dropped: set[int]) -> bool:
        items = [i for i, block in enumerate(self.blocks) if block.parent == index]
        if not any(i in dropped for i in items):
            return False
        return all(
            i in dropped
            or not text_content(self.html[self.blocks[i].inner_start : self.blocks[i].inner_end])
            for i in items
        )


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted indices grouped into inclusive (first, last) runs of consecutive values."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _merge_cuts(
    html: str, cuts: list[tuple[int, int]], edits: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Cut spans keep their unpaired tags; a link edit inside a cut is applied before that."""
    spans = []
    for start, end in cuts:
        inside = [edit for edit in edits if start <= edit[0] and edit[1] <= end]
        spans.append((start, end, unpaired_tags(_apply(html, start, end, inside))))
    spans.extend(edit for edit in edits if not any(s <= edit[0] and edit[1] <= e for s, e in cuts))
    return spans


def _apply(html: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    """html[start:end] with non-overlapping (start, end, replacement) spans applied."""
    parts = []
    pos = start
    for span_start, span_end, replacement in sorted(spans):
        if span_start < pos:
            continue  # inside a span already replaced (e.g. a list that was dropped)
        parts.append(html[pos:span_start])
        parts.append(replacement)
        pos = span_end
    parts.append(html[pos:end])
    return "".join(parts)


def _without_links(view: _View, start: int, end: int) -> str:
    """Sentence text with its link texts blanked, for the proper-name veto."""
    chars = list(view.text[start:end])
    for _item, lo, hi in view.links:
        for index in range(max(lo, start), min(hi, end)):
            chars[index - start] = " "
    return "".join(chars)
