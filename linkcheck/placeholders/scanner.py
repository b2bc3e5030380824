"""The detection rules, run over one document, and `scan()`, which applies their findings."""

from __future__ import annotations

from linkcheck.placeholders import grammar, sentences
from linkcheck.placeholders.document import Document, Link
from linkcheck.placeholders.edits import splice
from linkcheck.placeholders.families import BY_NAME
from linkcheck.placeholders.findings import Finding, ScanResult
from linkcheck.placeholders.targets import affiliate_signals, is_money_anchor
from linkcheck.placeholders.triggers import Hints, hints, suspicious_href
from linkcheck.richtext import collapse

ITEM_TAGS = frozenset({"p", "li"})
PROSE_TAGS = frozenset({"p", "li", "blockquote"})
# Only these targets may be removed; internal, same-site, citation and mail links never are.
REMOVABLE = frozenset({"external", "placeholder", "self"})
ITEM_REASON = "generic anchor under a related-posts lead-in"
LEAD_IN_REASON = BY_NAME["lead_in"].label


def scan(
    html: str, *, page_url: str | None = None, site_hosts: frozenset[str] = frozenset()
) -> ScanResult:
    """Find placeholder and related-posts spam in one stored rich-text value and remove it.

    Clean input comes back as the very same string; otherwise every byte outside the
    removed spans is kept, and scanning the cleaned HTML again finds nothing.
    """
    seen = hints(html, page_url)
    if not seen:
        return ScanResult((), html)
    return Scan(Document(html, page_url, frozenset(site_hosts)), seen).run()


class Scan:
    """One pass of every rule over one document, collecting decisions before any edit."""

    def __init__(self, doc: Document, seen: Hints | None = None) -> None:
        self.doc = doc
        # What the precheck saw; without it every block and every link gets a look.
        self.phrases = None if seen is None else seen.phrases
        self.links_matter = seen is None or seen.links
        self.removed: dict[int, set[int]] = {}  # leaf -> indices of sentences to cut
        self.dropped: set[int] = set()  # leaves removed whole
        self.link_actions: dict[int, str] = {}  # index in doc.links -> action
        self.found: list[tuple[int, Finding]] = []  # (source offset, finding)

    def run(self) -> ScanResult:
        """Apply the rules in order: lists, orphan lists, promo sentences, then each link."""
        doc = self.doc
        if self.phrases is None:
            vocabulary = set(range(len(doc.leaves)))
        else:
            vocabulary = {doc.leaf_of(offset) for offset in self.phrases}
        generic: set[int | None] = set()
        if self.links_matter:  # otherwise no anchor is generic, so none can be spam
            generic = {
                item.leaf
                for item in doc.links
                if grammar.is_generic_anchor(item.link.text) and item.target.kind in REMOVABLE
            }
        candidates = sorted((vocabulary | generic) - {None})
        for leaf in candidates:
            if leaf not in self.dropped:
                self.find_related_list(leaf)
        if self.links_matter:
            self.find_orphan_lists()
        for leaf in candidates:
            if leaf not in self.dropped and doc.tag(leaf) in PROSE_TAGS:
                self.find_promo(leaf)
        spam_marked = bool(self.found)
        if self.links_matter or spam_marked:  # forms 3 and 4 need a telling href or spam
            for index, item in enumerate(doc.links):
                self.judge_link(index, item, spam_marked=spam_marked)
        if not self.found:
            return ScanResult((), doc.html)
        self.found.sort(key=lambda pair: pair[0])
        cleaned = splice(doc, self.removed, self.dropped, self.link_actions)
        return ScanResult(tuple(finding for _offset, finding in self.found), cleaned)

    # --- form 2: a lead-in ending in a colon, then generic anchors -------------------------

    def is_item(self, leaf: int, index: int) -> bool:
        """Whether a sentence is a generic or placeholder anchor with only removable links."""
        view = self.doc.view(leaf)
        text = view.sentence(index)
        if not (grammar.is_generic_anchor(text) or grammar.is_placeholder_anchor(text)):
            return False
        return all(item.target.kind in REMOVABLE for item in view.links_in(*view.sentences[index]))

    def find_related_list(self, leaf: int) -> None:
        doc = self.doc
        view = doc.view(leaf)
        texts = [view.sentence(index) for index in range(len(view.sentences))]
        for k in range(len(texts)):
            first = sentences.lead_in_start(texts, k)
            if first is None:
                continue
            inline = k + 1
            while inline < len(texts) and self.is_item(leaf, inline):
                inline += 1
            below_items: list[int] = []
            below = doc.next_leaf(leaf) if inline == len(texts) else None
            while below is not None:
                count = len(doc.view(below).sentences)
                if count:  # an empty paragraph between items does not end the list
                    if doc.tag(below) not in ITEM_TAGS or not all(
                        self.is_item(below, j) for j in range(count)
                    ):
                        break
                    below_items.append(below)
                below = doc.next_leaf(below)
            if inline == k + 1 and not below_items:
                continue
            self.cut(leaf, range(first, k + 1), "related_list", LEAD_IN_REASON, whole=True)
            self.cut(leaf, range(k + 1, inline), "related_list", ITEM_REASON)
            for item_leaf in below_items:
                self.dropped.add(item_leaf)
                self.cut(
                    item_leaf,
                    range(len(doc.view(item_leaf).sentences)),
                    "related_list",
                    ITEM_REASON,
                )
            return

    def find_orphan_lists(self) -> None:
        """Runs of two or more lone 'this + adjective + noun' links with no lead-in at all."""
        doc = self.doc
        lone = sorted(
            {
                item.leaf
                for item in doc.links
                if item.leaf is not None
                and item.leaf not in self.dropped
                and grammar.is_listy_generic_anchor(item.link.text)
                and self._is_lone_generic_link(item.leaf)
            }
        )
        runs: list[list[int]] = []
        for leaf in lone:
            if runs and doc.next_leaf(runs[-1][-1]) == leaf:
                runs[-1].append(leaf)
            else:
                runs.append([leaf])
        for run in runs:
            if len(run) >= 2:
                reason = f"run of {len(run)} generic related-post links with no lead-in"
                for leaf in run:
                    self.dropped.add(leaf)
                    self.cut(leaf, range(len(doc.view(leaf).sentences)), "related_list", reason)

    def _is_lone_generic_link(self, leaf: int) -> bool:
        if self.doc.tag(leaf) not in ITEM_TAGS:
            return False
        view = self.doc.view(leaf)
        if len(view.links) != 1:
            return False
        item = view.links[0][0]
        return (
            item.target.kind == "external"
            and collapse(view.text) == item.link.text
            and grammar.is_listy_generic_anchor(item.link.text)
        )

    # --- form 1: promotional sentences glued to real prose ---------------------------------

    def find_promo(self, leaf: int) -> None:
        view = self.doc.view(leaf)
        cut = self.removed.get(leaf, set())
        features: list[frozenset[str] | None] = []
        for index, (start, end) in enumerate(view.sentences):
            links = view.links_in(start, end)
            if index in cut or any(item.target.kind not in REMOVABLE for item in links):
                features.append(None)
                continue
            features.append(
                sentences.promo_features(
                    view.text[start:end],
                    plain=view.without_links(start, end),
                    generic_link=any(grammar.is_generic_anchor(item.link.text) for item in links),
                    has_link=bool(links),
                )
            )
        for first, last in sentences.promo_runs(features):
            for index in range(first, last):
                reason = "promotional sentence: " + sentences.describe_features(features[index])
                self.cut(leaf, range(index, index + 1), "promo_sentence", reason)

    # --- forms 3 and 4: placeholder links and injected keyword links ------------------------

    def judge_link(self, index: int, item: Link, *, spam_marked: bool) -> None:
        text, href = item.link.text, item.link.href
        placeholder_text = grammar.is_placeholder_anchor(text)
        # Only a telling href, a placeholder anchor or a money anchor can make a finding, so
        # most links never need their target classified.
        if not (
            placeholder_text or is_money_anchor(text) or suspicious_href(href, self.doc.page_url)
        ):
            return
        kind = item.target.kind
        if kind not in REMOVABLE or self._is_cut(item):
            return
        leaf = item.leaf
        alone = (
            leaf is not None
            and self.doc.tag(leaf) in ITEM_TAGS
            and self.doc.view(leaf).alone_on_line(item)
        )
        if kind != "external" or placeholder_text:
            reason = item.target.reason if kind != "external" else f"placeholder anchor '{text}'"
            removable_words = not text or placeholder_text or grammar.is_generic_anchor(text)
            action = "removed" if alone and removable_words else "unwrapped"
            self.link_actions[index] = action
            self.note(item.link.inner_start, "placeholder_link", action, text, href, reason)
            return
        if alone or not is_money_anchor(text):
            return
        signals = list(affiliate_signals(href))
        if spam_marked:
            signals.append(("spam elsewhere in this text", 2))
        if sum(weight for _label, weight in signals) >= 2:
            labels = ", ".join(label for label, _weight in signals)
            self.link_actions[index] = "flagged"
            reason = f"money keyword link to a promotion target ({labels})"
            self.note(item.link.inner_start, "injected_link", "flagged", text, href, reason)

    def _is_cut(self, item: Link) -> bool:
        if item.leaf is None:
            return False
        if item.leaf in self.dropped:
            return True
        cut = self.removed.get(item.leaf)
        return bool(cut) and self.doc.sentence_overlaps_link(item.leaf, item, cut)

    # --- bookkeeping ------------------------------------------------------------------------

    def cut(
        self, leaf: int, indices: range, kind: str, reason: str, *, whole: bool = False
    ) -> None:
        """Mark sentences for removal and note them: one finding each, or one for all."""
        if not indices:
            return
        view = self.doc.view(leaf)
        self.removed.setdefault(leaf, set()).update(indices)
        for group in [indices] if whole else [range(i, i + 1) for i in indices]:
            start, end = view.sentences[group[0]][0], view.sentences[group[-1]][1]
            links = view.links_in(start, end)
            href = links[0].link.href if links else None
            self.note(
                view.map.source_start(start), kind, "removed", view.text[start:end], href, reason
            )

    def note(
        self, offset: int, kind: str, action: str, text: str, href: str | None, reason: str
    ) -> None:
        self.found.append((offset, Finding(kind, action, collapse(text), href, reason)))
