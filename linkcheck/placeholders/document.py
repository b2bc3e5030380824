"""One rich-text value seen as leaf blocks, links and per-block text, built lazily."""

from __future__ import annotations

import re
from bisect import bisect_right

from linkcheck.placeholders.grammar import split_sentences
from linkcheck.placeholders.targets import Target, classify_target
from linkcheck.richtext import BLOCK_TAGS, RichTextLink, TextMap, iter_blocks, iter_links

# Between two items of one list, or two paragraphs of one run, only whitespace and list tags.
_LIST_GAP_RE = re.compile(r"(?:\s|</?(?:ul|ol)(?:\s[^>]*)?>)*", re.IGNORECASE)


class Link:
    """A link, the leaf block holding it (None outside any), and where it points.

    The target is classified on first use: most links of a body are never asked about.
    """

    __slots__ = ("_context", "_target", "leaf", "link")

    def __init__(
        self, link: RichTextLink, leaf: int | None, context: tuple[str | None, frozenset[str]]
    ) -> None:
        self.link, self.leaf = link, leaf
        self._context = context
        self._target: Target | None = None

    @property
    def target(self) -> Target:
        """Where the link points (internal, same_site, self, citation, placeholder ...)."""
        if self._target is None:
            page_url, site_hosts = self._context
            self._target = classify_target(
                self.link.href, self.link.linktype, page_url=page_url, site_hosts=site_hosts
            )
        return self._target


class BlockView:
    """Text, sentences and link text ranges of one leaf block."""

    __slots__ = ("links", "map", "sentences", "text")

    def __init__(self, html: str, start: int, end: int, links: list[Link]) -> None:
        self.map = TextMap(html, start, end)
        self.text = self.map.text
        self.sentences = split_sentences(self.text)
        self.links = [
            (
                item,
                self.map.text_index(item.link.inner_start),
                self.map.text_index(item.link.inner_end),
            )
            for item in links
        ]

    def sentence(self, index: int) -> str:
        """Text of one sentence."""
        start, end = self.sentences[index]
        return self.text[start:end]

    def links_in(self, start: int, end: int) -> list[Link]:
        """Links whose text overlaps text[start:end] (an empty link inside it counts)."""
        return [item for item, lo, hi in self.links if _overlaps(lo, hi, start, end)]

    def text_range(self, item: Link) -> tuple[int, int]:
        """Text range of one of this block's links."""
        for candidate, lo, hi in self.links:
            if candidate is item:
                return lo, hi
        raise ValueError("link is not in this block")

    def alone_on_line(self, item: Link) -> bool:
        """Whether a link is the only text on its line (the block, or a <br>-separated line)."""
        lo, hi = self.text_range(item)
        line_start = self.text.rfind("\n", 0, lo) + 1
        line_end = self.text.find("\n", hi)
        line_end = len(self.text) if line_end < 0 else line_end
        return not self.text[line_start:lo].strip() and not self.text[hi:line_end].strip()

    def without_links(self, start: int, end: int) -> str:
        """Text of text[start:end] with link texts blanked, for the proper-name veto."""
        chars = list(self.text[start:end])
        for _item, lo, hi in self.links:
            for index in range(max(lo, start), min(hi, end)):
                chars[index - start] = " "
        return "".join(chars)


def _overlaps(lo: int, hi: int, start: int, end: int) -> bool:
    return lo < end and (hi > start or start <= lo == hi)


class Document:
    """Blocks and links of one stored rich-text value, with block views made on demand."""

    def __init__(
        self, html: str, page_url: str | None = None, site_hosts: frozenset[str] = frozenset()
    ) -> None:
        self.html = html
        self.blocks = iter_blocks(html)
        self.leaves = [
            index
            for index, block in enumerate(self.blocks)
            if block.leaf and block.tag in BLOCK_TAGS
        ]
        self._starts = [self.blocks[index].inner_start for index in self.leaves]
        self.page_url = page_url
        self._context = (page_url, frozenset(site_hosts))
        self._by_start: dict[int, Link] = {}
        self._links: list[Link] | None = None
        self._views: dict[int, BlockView] = {}

    @property
    def links(self) -> list[Link]:
        """Every link of the document, extracted on first use (blocks extract their own)."""
        if self._links is None:
            self._links = [self._link(link) for link in iter_links(self.html)]
        return self._links

    def _link(self, link: RichTextLink) -> Link:
        """One Link object per source anchor, whichever extraction found it first."""
        item = self._by_start.get(link.start)
        if item is None:
            item = self._by_start[link.start] = Link(link, self.leaf_of(link.start), self._context)
        return item

    def leaf_of(self, offset: int) -> int | None:
        """The leaf block whose content holds a source offset."""
        position = bisect_right(self._starts, offset) - 1
        if position >= 0 and offset < self.blocks[self.leaves[position]].inner_end:
            return position
        return None

    def tag(self, leaf: int) -> str:
        """Tag name of a leaf block."""
        return self.blocks[self.leaves[leaf]].tag

    def view(self, leaf: int) -> BlockView:
        """Text view of a leaf block (cached)."""
        if leaf not in self._views:
            block = self.blocks[self.leaves[leaf]]
            found = iter_links(self.html, block.inner_start, block.inner_end)
            links = [self._link(link) for link in found]
            self._views[leaf] = BlockView(self.html, block.inner_start, block.inner_end, links)
        return self._views[leaf]

    def next_leaf(self, leaf: int) -> int | None:
        """The following leaf when only whitespace and list tags lie between them."""
        if leaf + 1 >= len(self.leaves):
            return None
        gap_start = self.blocks[self.leaves[leaf]].end
        gap_end = self.blocks[self.leaves[leaf + 1]].start
        return leaf + 1 if _LIST_GAP_RE.fullmatch(self.html, gap_start, gap_end) else None

    def sentence_overlaps_link(self, leaf: int, item: Link, sentences: set[int]) -> bool:
        """Whether a link's text overlaps any of the given sentences of its block."""
        view = self.view(leaf)
        lo, hi = view.text_range(item)
        return any(_overlaps(lo, hi, *view.sentences[index]) for index in sentences)
