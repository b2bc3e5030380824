"""Pure, regex-based reading of Wagtail's stored rich-text format (no tree, no Django).

Everything here reports source offsets, so callers can edit the original string in place and
leave every byte outside their edits untouched. Malformed markup never raises: unclosed
elements end where the next sibling starts or at the end of the string.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from html import unescape
from typing import NamedTuple

# Quoted attribute values may contain ">", so attributes are read as quoted runs or runs of
# safe characters. Possessive quantifiers (Python 3.11+): nothing ever backtracks.
_ATTRS = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""
_ATTR_RE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
# As in HTML, a new "<a" ends an open anchor; an anchor never spans a block boundary, so an
# unclosed one is not a link at all rather than swallowing what follows.
LINK_PATTERN = (
    rf"<a(?=[\s>/])({_ATTRS})>"
    r"((?:[^<]++|<(?!a[\s>/]|/a\s*>|/?(?:p|li|ul|ol|h[1-6]|blockquote|div|pre)[\s>/]))*+)"
    r"(?:</a\s*>|(?=<a[\s>/]))"
)
_LINK_RE = re.compile(LINK_PATTERN, re.IGNORECASE)
# Any tag or comment; a '<' not followed by a letter or '/' is text.
TAG_RE = re.compile(rf"<!--.*?(?:-->|$)|<(/?)([a-zA-Z][a-zA-Z0-9]*)({_ATTRS})>", re.DOTALL)
_BLOCK_TAG_RE = re.compile(
    rf"<(/?)(p|h[1-6]|li|ul|ol|blockquote|div|pre|figure|table|tr|td|th)(?=[\s>/])({_ATTRS})>",
    re.IGNORECASE,
)
# Wagtail's LinkRewriter decides a link's type from these prefixes when linktype is absent.
_HREF_TYPES = (("http:", "external"), ("https:", "external"), ("mailto:", "email"), ("#", "anchor"))

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})
LIST_TAGS = frozenset({"ul", "ol"})
VOID_TAGS = frozenset({"br", "wbr", "img", "embed", "hr", "input", "source"})


@dataclass(frozen=True, slots=True)
class RichTextLink:
    """One <a> element: its target as Wagtail stores it, its visible text and source span.

    `href` is the decoded attribute (None for page and document links, which have none);
    `linktype` is what Wagtail's LinkRewriter would call it: the stored linktype ("page",
    "document"), else "external", "email" or "anchor" from the href, else None; `id` is the
    stored id of a page or document link. `start:end` spans the element in the source and
    `inner_start:inner_end` its content.
    """

    href: str | None
    linktype: str | None
    id: str | None
    text: str
    start: int
    end: int
    inner_start: int
    inner_end: int


class Block(NamedTuple):
    """A block-level element (p, h2, li, ul ...) as source offsets; `leaf` has no nested blocks.

    A named tuple rather than a frozen dataclass: a body has hundreds and tuples build ~5x faster.
    """

    tag: str
    start: int
    inner_start: int
    inner_end: int
    end: int
    parent: int | None
    leaf: bool


def parse_attrs(source: str) -> dict[str, str]:
    """Attributes of one tag's attribute source, names lower-cased and values unescaped."""
    attrs: dict[str, str] = {}
    for match in _ATTR_RE.finditer(source):
        name, dq, sq, bare = match.groups()
        value = dq if dq is not None else sq if sq is not None else bare or ""
        attrs.setdefault(name.lower(), unescape(value))
    return attrs


def link_type(attrs: dict[str, str]) -> str | None:
    """The linktype Wagtail would give this anchor ("page", "document", "external", ...)."""
    if "linktype" in attrs:
        return attrs["linktype"]
    href = attrs.get("href", "")
    for prefix, kind in _HREF_TYPES:
        if href.startswith(prefix):
            return kind
    return None


def collapse(text: str) -> str:
    """Whitespace runs (including newlines and no-break spaces) collapsed to one space."""
    return " ".join(text.split())


def text_content(fragment: str) -> str:
    """Visible text of a fragment: tags dropped, entities decoded, whitespace collapsed."""
    return collapse(unescape(TAG_RE.sub(" ", fragment) if "<" in fragment else fragment))


def iter_links(html: str, start: int = 0, end: int | None = None) -> list[RichTextLink]:
    """Every <a> element in document order, optionally within html[start:end].

    An anchor ends at its </a> or, as in HTML, where the next <a> starts; one left open at the
    end of its block is not reported.
    """
    links = []
    for match in _LINK_RE.finditer(html, start, len(html) if end is None else end):
        attrs = parse_attrs(match.group(1))
        kind = link_type(attrs)
        inner = match.group(2)
        links.append(
            RichTextLink(
                href=attrs.get("href"),
                linktype=kind,
                id=attrs.get("id") if "linktype" in attrs else None,
                text=collapse(unescape(TAG_RE.sub("", inner) if "<" in inner else inner)),
                start=match.start(),
                end=match.end(),
                inner_start=match.start(2),
                inner_end=match.end(2),
            )
        )
    return links


def iter_blocks(html: str) -> list[Block]:
    """Block-level elements in document order, with HTML's implicit closing of p and li."""
    records: list[list] = []  # [tag, start, inner_start, inner_end, end, parent, leaf]
    stack: list[int] = []
    for match in _BLOCK_TAG_RE.finditer(html):
        closing, tag, attrs = match.groups()
        tag = tag.lower()
        start, end = match.span()
        if not closing:
            # A new block closes an open <p>, and a new <li> closes an open sibling <li>.
            while stack and (
                records[stack[-1]][0] == "p" or (tag == "li" == records[stack[-1]][0])
            ):
                record = records[stack.pop()]
                record[3] = record[4] = start
            parent = stack[-1] if stack else None
            if parent is not None:
                records[parent][6] = False
            if attrs.endswith("/") or attrs.rstrip().endswith("/"):
                records.append([tag, start, end, end, end, parent, True])
            else:
                records.append([tag, start, end, -1, -1, parent, True])
                stack.append(len(records) - 1)
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if records[stack[depth]][0] == tag:
                while len(stack) > depth + 1:
                    record = records[stack.pop()]
                    record[3] = record[4] = start
                record = records[stack.pop()]
                record[3], record[4] = start, end
                break
    for index in stack:
        records[index][3] = records[index][4] = len(html)
    return [Block._make(record) for record in records]


class TextMap:
    """Visible text of a source range, with a map from text indices back to source offsets.

    Tags produce no text except <br>, which reads as a newline; entities are decoded.
    """

    __slots__ = ("_seg_src", "_seg_starts", "end", "start", "text")

    def __init__(self, html: str, start: int, end: int) -> None:
        self.start, self.end = start, end
        parts: list[str] = []
        seg_starts: list[int] = []  # text index where each segment begins
        seg_src: list[tuple[int, int, bool]] = []  # (source start, source end, literal?)
        length = 0
        pos = start
        for match in TAG_RE.finditer(html, start, end):
            if match.start() > pos:
                length = _add_text(html, pos, match.start(), parts, seg_starts, seg_src, length)
            if (match.group(2) or "").lower() == "br":
                parts.append("\n")
                seg_starts.append(length)
                seg_src.append((match.start(), match.end(), False))
                length += 1
            pos = match.end()
        if pos < end:
            length = _add_text(html, pos, end, parts, seg_starts, seg_src, length)
        self.text = "".join(parts)
        self._seg_starts = seg_starts
        self._seg_src = seg_src

    def source_start(self, index: int) -> int:
        """Source offset where text character `index` begins (range end when past the text)."""
        if index >= len(self.text):
            return self.end
        seg = bisect_right(self._seg_starts, index) - 1
        src_start, _src_end, literal = self._seg_src[seg]
        return src_start + (index - self._seg_starts[seg]) if literal else src_start

    def source_end(self, index: int) -> int:
        """Source offset just after text character `index - 1` (range start when index is 0)."""
        if index <= 0:
            return self.start
        seg = bisect_right(self._seg_starts, index - 1) - 1
        src_start, src_end, literal = self._seg_src[seg]
        return src_start + (index - self._seg_starts[seg]) if literal else src_end

    def text_index(self, offset: int) -> int:
        """Index of the first text character that starts at or after source `offset`."""
        lo, hi = 0, len(self._seg_src)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._seg_src[mid][1] <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(self._seg_src):
            return len(self.text)
        src_start, _src_end, literal = self._seg_src[lo]
        if offset <= src_start:
            return self._seg_starts[lo]
        # Inside a literal run the offset maps one-to-one; inside an entity, step past it.
        return self._seg_starts[lo] + (offset - src_start if literal else 1)


_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def _add_text(
    html: str,
    start: int,
    end: int,
    parts: list[str],
    seg_starts: list[int],
    seg_src: list[tuple[int, int, bool]],
    length: int,
) -> int:
    """Append the decoded text of html[start:end] as literal and entity segments."""
    chunk = html[start:end]
    if "&" not in chunk:
        parts.append(chunk)
        seg_starts.append(length)
        seg_src.append((start, end, True))
        return length + len(chunk)
    pos = 0
    for match in _ENTITY_RE.finditer(chunk):
        decoded = unescape(match.group())
        if decoded == match.group():
            continue  # not a real entity: leave it inside the literal run
        if match.start() > pos:
            parts.append(chunk[pos : match.start()])
            seg_starts.append(length)
            seg_src.append((start + pos, start + match.start(), True))
            length += match.start() - pos
        parts.append(decoded)
        seg_starts.append(length)
        seg_src.append((start + match.start(), start + match.end(), False))
        length += len(decoded)
        pos = match.end()
    if pos < len(chunk):
        parts.append(chunk[pos:])
        seg_starts.append(length)
        seg_src.append((start + pos, end, True))
        length += len(chunk) - pos
    return length


def unpaired_tags(fragment: str) -> str:
    """The tags of a fragment that are not both opened and closed inside it, in order.

    Cutting text out of an element while keeping these leaves the markup around the cut
    balanced, whichever elements the cut started or ended in. Void tags and comments go.
    """
    kept: list[tuple[str, str]] = []  # (name, source); closing names carry a leading "/"
    for match in TAG_RE.finditer(fragment):
        name = (match.group(2) or "").lower()
        if not name or name in VOID_TAGS or match.group(3).rstrip().endswith("/"):
            continue
        if match.group(1) and kept and kept[-1][0] == name:
            kept.pop()
        else:
            kept.append(("/" + name if match.group(1) else name, match.group()))
    return "".join(source for _name, source in kept)
