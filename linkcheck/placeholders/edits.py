"""Apply a scan's decisions to the source string, touching nothing outside removed spans."""

from __future__ import annotations

import re

from linkcheck.placeholders.document import Document
from linkcheck.richtext import LIST_TAGS, text_content, unpaired_tags

_SPACE_RE = re.compile(r"\s*")

Span = tuple[int, int, str]  # (start, end, replacement) in source offsets


def splice(
    doc: Document,
    removed: dict[int, set[int]],
    dropped: set[int],
    link_actions: dict[int, str],
) -> str:
    """The document with sentences cut, links removed or unwrapped and emptied blocks gone.

    `removed` maps a leaf to sentence indices; `dropped` holds leaves removed whole;
    `link_actions` maps an index in doc.links to "removed" or "unwrapped"/"flagged".
    """
    html = doc.html
    dropped = set(dropped)
    cuts: dict[int, list[tuple[int, int]]] = {}
    for leaf, indices in removed.items():
        if leaf not in dropped:
            spans = sentence_cuts(doc, leaf, sorted(indices))
            if spans is None:
                dropped.add(leaf)
            else:
                cuts[leaf] = spans
    edits: dict[int | None, list[Span]] = {}
    for index, action in link_actions.items():
        link = doc.links[index].link
        if action == "removed":
            link_spans = [(link.start, link.end, "")]
        else:
            link_spans = [(link.start, link.inner_start, ""), (link.inner_end, link.end, "")]
        edits.setdefault(doc.links[index].leaf, []).extend(link_spans)
    replacements = list(edits.pop(None, []))
    for leaf in sorted(cuts.keys() | edits.keys()):
        if leaf in dropped:
            continue
        block = doc.blocks[doc.leaves[leaf]]
        spans = merge_cuts(html, cuts.get(leaf, []), edits.get(leaf, []))
        inner = apply(html, block.inner_start, block.inner_end, spans)
        if text_content(inner):
            replacements.append((block.inner_start, block.inner_end, inner))
        else:
            dropped.add(leaf)
    gone = {doc.leaves[leaf] for leaf in dropped}
    for parent in sorted({doc.blocks[index].parent for index in gone} - {None}):
        if doc.blocks[parent].tag in LIST_TAGS and _list_emptied(doc, parent, gone):
            gone.add(parent)
    for index in gone:
        block = doc.blocks[index]
        # Take the whitespace after a dropped block too, so a dropped run leaves no blank lines.
        end = _SPACE_RE.match(html, block.end).end()
        replacements.append((block.start, end, ""))
    return apply(html, 0, len(html), replacements)


def sentence_cuts(doc: Document, leaf: int, indices: list[int]) -> list[tuple[int, int]] | None:
    """Source spans of removed sentence runs in one block; None when the whole block goes.

    A run at the end of a block takes the whitespace before it ("Real. Spam." keeps "Real.");
    any other run takes the whitespace after it, stopping before the next sentence's tags.
    """
    view = doc.view(leaf)
    sentences = view.sentences
    block = doc.blocks[doc.leaves[leaf]]
    spans = []
    for first, last in _runs(indices):
        at_start, at_end = first == 0, last == len(sentences) - 1
        if at_start and at_end:
            return None
        if at_end:
            start, end = view.map.source_end(sentences[first - 1][1]), block.inner_end
        else:
            start = block.inner_start if at_start else view.map.source_end(sentences[first][0])
            end = view.map.source_end(sentences[last + 1][0])
        spans.append((start, end))
    return spans


def merge_cuts(html: str, cuts: list[tuple[int, int]], edits: list[Span]) -> list[Span]:
    """Cuts become their unpaired tags (markup stays balanced); link edits inside go first."""
    spans = []
    for start, end in cuts:
        inside = [edit for edit in edits if start <= edit[0] and edit[1] <= end]
        spans.append((start, end, unpaired_tags(apply(html, start, end, inside))))
    spans.extend(
        edit
        for edit in edits
        if not any(start <= edit[0] and edit[1] <= end for start, end in cuts)
    )
    return spans


def apply(html: str, start: int, end: int, spans: list[Span]) -> str:
    """html[start:end] with (start, end, replacement) spans applied; nested spans are skipped."""
    parts = []
    pos = start
    for span_start, span_end, replacement in sorted(spans):
        if span_start < pos or span_end > end:
            continue  # inside a span already replaced (a dropped list), or outside the range
        parts.append(html[pos:span_start])
        parts.append(replacement)
        pos = span_end
    parts.append(html[pos:end])
    return "".join(parts)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted indices grouped into inclusive (first, last) runs of consecutive values."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _list_emptied(doc: Document, index: int, gone: set[int]) -> bool:
    items = [i for i, block in enumerate(doc.blocks) if block.parent == index]
    if not any(i in gone for i in items):
        return False
    return all(
        i in gone or not text_content(doc.html[doc.blocks[i].inner_start : doc.blocks[i].inner_end])
        for i in items
    )
