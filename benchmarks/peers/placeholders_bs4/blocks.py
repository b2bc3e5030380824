"""Leaf blocks as the peer sees them, and the tag and target-kind sets its rules share."""

from __future__ import annotations

from bs4 import Comment, NavigableString, Tag

from linkcheck.placeholders import grammar

BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"]
NESTING = [*BLOCKS, "ul", "ol", "div", "figure", "table", "tr", "td", "th"]
ITEM_TAGS = {"p", "li"}
PROSE_TAGS = {"p", "li", "blockquote"}
REMOVABLE = {"external", "placeholder", "self"}
ITEM_REASON = "generic anchor under a related-posts lead-in"


class Block:
    """A leaf block: its tag, text (br as newline), sentences and links with text ranges."""

    def __init__(self, tag: Tag, order: int, index: int) -> None:
        self.tag, self.order, self.index = tag, order, index
        self.parts: list[str] = []
        self.length = 0
        self.links: list[tuple[Tag, int, int]] = []
        self.pieces: list[tuple[NavigableString, int]] = []  # strings and their text offsets
        self._walk(tag)
        self.text = "".join(self.parts)
        self.sentences = grammar.split_sentences(self.text)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.pieces.append((child, self.length))
                self._add(str(child))
            elif child.name == "br":
                self._add("\n")
            elif child.name == "a":
                start = self.length
                self._walk(child)
                self.links.append((child, start, self.length))
            else:
                self._walk(child)

    def links_in(self, start: int, end: int) -> list[Tag]:
        return [a for a, lo, hi in self.links if lo < end and (hi > start or start <= lo == hi)]
