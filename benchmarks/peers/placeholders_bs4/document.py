"""The peer's rules over one parsed body, then the edit of its tree.

Related lists, orphaned related links, promotional sentences, placeholder and injected links,
found by walking the BeautifulSoup tree block by block.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from linkcheck.placeholders import grammar, sentences
from linkcheck.placeholders.findings import Finding, ScanResult
from linkcheck.placeholders.targets import (
    Target,
    affiliate_signals,
    classify_target,
    is_money_anchor,
)
from linkcheck.richtext import collapse, link_type

from .blocks import BLOCKS, ITEM_REASON, ITEM_TAGS, NESTING, PROSE_TAGS, REMOVABLE, Block


class PeerScan:
    """One document: parse, find, edit, serialise."""

    def __init__(self, html: str, page_url: str | None, site_hosts: frozenset[str]) -> None:
        self.soup = BeautifulSoup(html, "html.parser")
        self.page_url, self.site_hosts = page_url, site_hosts
        self.order = {id(node): index for index, node in enumerate(self.soup.descendants)}
        leaves = [tag for tag in self.soup.find_all(BLOCKS) if tag.find(NESTING) is None]
        self.blocks = [Block(tag, self.order[id(tag)], i) for i, tag in enumerate(leaves)]
        self.block_of = {id(block.tag): block for block in self.blocks}
        self.targets: dict[int, Target] = {}
        self.cut: dict[int, set[int]] = {}  # block index -> sentence indices
        self.dropped: set[int] = set()
        self.found: list[tuple[tuple[int, int], Finding]] = []

    def target(self, a: Tag) -> Target:
        if id(a) not in self.targets:
            attrs = {key: value for key, value in a.attrs.items() if isinstance(value, str)}
            self.targets[id(a)] = classify_target(
                attrs.get("href"),
                link_type(attrs),
                page_url=self.page_url,
                site_hosts=self.site_hosts,
            )
        return self.targets[id(a)]

    def run(self) -> ScanResult:
        for index in range(len(self.blocks)):
            if index not in self.dropped:
                self.related_list(index)
        self.orphans()
        for index, block in enumerate(self.blocks):
            if index not in self.dropped and block.tag.name in PROSE_TAGS:
                self.promo(index)
        spam_marked = bool(self.found)
        for a in self.soup.find_all("a"):
            self.judge(a, spam_marked)
        self.found.sort(key=lambda pair: pair[0])
        self.edit()
        return ScanResult(tuple(finding for _key, finding in self.found), str(self.soup))

    # --- rules --------------------------------------------------------------------------

    def is_item(self, block: Block, index: int) -> bool:
        start, end = block.sentences[index]
        text = block.text[start:end]
        if not (grammar.is_generic_anchor(text) or grammar.is_placeholder_anchor(text)):
            return False
        return all(self.target(a).kind in REMOVABLE for a in block.links_in(start, end))

    def next_block(self, index: int) -> int | None:
        """The next leaf block if only whitespace and list tags lie between the two."""
        if index + 1 >= len(self.blocks):
            return None
        current, following = self.blocks[index], self.blocks[index + 1]
        last = current.tag
        while isinstance(last, Tag) and last.contents:
            last = last.contents[-1]
        node = last.next_element
        while node is not None and node is not following.tag:
            if isinstance(node, Tag) and node.name not in ("ul", "ol"):
                return None
            if isinstance(node, NavigableString) and not isinstance(node, Comment) and node.strip():
                return None
            if isinstance(node, Comment):
                return None
            node = node.next_element
        return index + 1 if node is following.tag else None

    def related_list(self, index: int) -> None:
        block = self.blocks[index]
        texts = [block.text[s:e] for s, e in block.sentences]
        for k in range(len(texts)):
            first = sentences.lead_in_start(texts, k)
            if first is None:
                continue
            inline = k + 1
            while inline < len(texts) and self.is_item(block, inline):
                inline += 1
            below_items = []
            below = self.next_block(index) if inline == len(texts) else None
            while below is not None:
                other = self.blocks[below]
                if other.sentences:
                    if other.tag.name not in ITEM_TAGS or not all(
                        self.is_item(other, j) for j in range(len(other.sentences))
                    ):
                        break
                    below_items.append(below)
                below = self.next_block(below)
            if inline == k + 1 and not below_items:
                continue
            self.mark(
                index, range(first, k + 1), "related_list", "related-posts lead-in", whole=True
            )
            self.mark(index, range(k + 1, inline), "related_list", ITEM_REASON)
            for item in below_items:
                self.dropped.add(item)
                self.mark(
                    item, range(len(self.blocks[item].sentences)), "related_list", ITEM_REASON
                )
            return

    def orphans(self) -> None:
        lone = [
            index
            for index, block in enumerate(self.blocks)
            if index not in self.dropped
            and block.tag.name in ITEM_TAGS
            and len(block.links) == 1
            and self.target(block.links[0][0]).kind == "external"
            and collapse(block.text) == collapse(block.links[0][0].get_text())
            and grammar.is_listy_generic_anchor(block.links[0][0].get_text())
        ]
        runs: list[list[int]] = []
        for index in lone:
            if runs and self.next_block(runs[-1][-1]) == index:
                runs[-1].append(index)
            else:
                runs.append([index])
        for run in runs:
            if len(run) >= 2:
                reason = f"run of {len(run)} generic related-post links with no lead-in"
                for index in run:
                    self.dropped.add(index)
                    self.mark(
                        index, range(len(self.blocks[index].sentences)), "related_list", reason
                    )

    def promo(self, index: int) -> None:
        block = self.blocks[index]
        cut = self.cut.get(index, set())
        features: list[frozenset[str] | None] = []
        for number, (start, end) in enumerate(block.sentences):
            links = block.links_in(start, end)
            if number in cut or any(self.target(a).kind not in REMOVABLE for a in links):
                features.append(None)
                continue
            plain = list(block.text[start:end])
            for _a, lo, hi in block.links:
                for position in range(max(lo, start), min(hi, end)):
                    plain[position - start] = " "
            features.append(
                sentences.promo_features(
                    block.text[start:end],
                    plain="".join(plain),
                    generic_link=any(grammar.is_generic_anchor(a.get_text()) for a in links),
                    has_link=bool(links),
                )
            )
        for first, last in sentences.promo_runs(features):
            for number in range(first, last):
                reason = "promotional sentence: " + sentences.describe_features(features[number])
                self.mark(index, range(number, number + 1), "promo_sentence", reason)

    def judge(self, a: Tag, spam_marked: bool) -> None:
        target = self.target(a)
        text = collapse(a.get_text())
        href = a.get("href") if isinstance(a.get("href"), str) else None
        if target.kind not in REMOVABLE or self.is_cut(a):
            return
        holder = a.find_parent(BLOCKS)
        block = self.block_of.get(id(holder)) if holder is not None else None
        alone = False
        if block is not None and block.tag.name in ITEM_TAGS:
            lo, hi = next((lo, hi) for link, lo, hi in block.links if link is a)
            line_start = block.text.rfind("\n", 0, lo) + 1
            line_end = block.text.find("\n", hi)
            line_end = len(block.text) if line_end < 0 else line_end
            alone = not block.text[line_start:lo].strip() and not block.text[hi:line_end].strip()
        placeholder_text = grammar.is_placeholder_anchor(text)
        key = (self.order[id(a)], 0)
        if target.kind != "external" or placeholder_text:
            reason = target.reason if target.kind != "external" else f"placeholder anchor '{text}'"
            words = not text or placeholder_text or grammar.is_generic_anchor(text)
            action = "removed" if alone and words else "unwrapped"
            self.found.append((key, Finding("placeholder_link", action, text, href, reason)))
            a["data-peer-action"] = action
            return
        if alone or not is_money_anchor(text):
            return
        signals = list(affiliate_signals(href))
        if spam_marked:
            signals.append(("spam elsewhere in this text", 2))
        if sum(weight for _label, weight in signals) >= 2:
            labels = ", ".join(label for label, _weight in signals)
            reason = f"money keyword link to a promotion target ({labels})"
            self.found.append((key, Finding("injected_link", "flagged", text, href, reason)))
            a["data-peer-action"] = "flagged"

    def is_cut(self, a: Tag) -> bool:
        holder = a.find_parent(BLOCKS)
        block = self.block_of.get(id(holder)) if holder is not None else None
        if block is None:
            return False
        index = block.index
        if index in self.dropped:
            return True
        lo, hi = next((lo, hi) for link, lo, hi in block.links if link is a)
        return any(
            lo < block.sentences[n][1]
            and (hi > block.sentences[n][0] or block.sentences[n][0] <= lo == hi)
            for n in self.cut.get(index, ())
        )

    def mark(
        self, index: int, numbers: range, kind: str, reason: str, *, whole: bool = False
    ) -> None:
        if not numbers:
            return
        block = self.blocks[index]
        self.cut.setdefault(index, set()).update(numbers)
        for group in [numbers] if whole else [range(n, n + 1) for n in numbers]:
            start, end = block.sentences[group[0]][0], block.sentences[group[-1]][1]
            links = block.links_in(start, end)
            href = links[0].get("href") if links and isinstance(links[0].get("href"), str) else None
            key = (self._text_order(block, start), 1)
            self.found.append(
                (key, Finding(kind, "removed", collapse(block.text[start:end]), href, reason))
            )

    def _text_order(self, block: Block, offset: int) -> int:
        """Document order of the string holding a text offset (its block's own order if none)."""
        holder = None
        for string, start in block.pieces:
            if start <= offset < start + len(string):
                holder = string
        return self.order[id(holder)] if holder is not None else block.order

    # --- editing -------------------------------------------------------------------------

    def edit(self) -> None:
        for index, numbers in self.cut.items():
            block = self.blocks[index]
            if index in self.dropped or numbers >= set(range(len(block.sentences))):
                block.tag.decompose()
                continue
            spans = [block.sentences[n] for n in numbers]
            for string, start in block.pieces:
                kept = "".join(
                    char
                    for offset, char in enumerate(str(string), start)
                    if not any(s <= offset < e for s, e in spans)
                )
                if kept != str(string):
                    string.replace_with(kept)
        for a in self.soup.find_all("a", attrs={"data-peer-action": True}):
            if a["data-peer-action"] == "removed":
                a.decompose()
            else:
                a.unwrap()
        for tag in self.soup.find_all(["p", "li", "a", "ul", "ol"]):
            if not tag.get_text(strip=True) and tag.find(["embed", "img"]) is None:
                tag.decompose()
