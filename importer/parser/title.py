"""The title (metadata, the first h1, or the title-like line above the byline) and the dek."""

from __future__ import annotations

from importer.parser.frontmatter import Front
from importer.parser.lines import heading_like
from importer.parser.model import SourceDoc


def find_title(doc: SourceDoc, front: Front) -> tuple[str, str, int]:
    """(title, dek, index of the first body line); lines above the title are dropped."""
    lines, keep, drop, dropped = front.lines, front.keep, front.drop, front.dropped
    # Title: a WXR/front-matter title, the first h1, or the first title-like line.
    kept = [i for i in range(len(lines)) if keep[i]]
    title = doc.meta.get("title") or ""
    body_start = 0
    if not title:
        h1 = next((i for i in kept[:25] if lines[i].tag == "h1"), None)
        if h1 is None:
            candidates = [
                i
                for i in kept[:12]
                if _title_like(lines[i].text) and lines[i].tag not in ("li", "oli", "td")
            ]
            meta_reasons = {"byline", "date line", "medical reviewer line"}
            dropped_after = {d.text: d.reason for d in dropped}
            # A title sits right above its byline or date; failing that, a short first line
            # ('Clinic News', a section name) gives way to a longer title-like line after it.
            h1 = next(
                (
                    i
                    for i in candidates
                    if i + 1 < len(lines) and dropped_after.get(lines[i + 1].text) in meta_reasons
                ),
                None,
            )
            if h1 is None and candidates:
                h1 = next(
                    (i for i in candidates[:3] if len(lines[i].text.split()) >= 4), candidates[0]
                )
            if h1 is None and kept:
                h1 = kept[0]
        if h1 is not None:
            title = lines[h1].text
            for i in kept:
                if i < h1:
                    drop(i, "before the title (site chrome or banner)")
            keep[h1] = False
            body_start = h1 + 1
    title = title or doc.meta.get("docx_title") or doc.meta.get("html_title") or ""

    kept = [i for i in range(body_start, len(lines)) if keep[i]]
    dek = doc.meta.get("description") or doc.meta.get("dek") or ""
    if not dek and len(kept) >= 2:
        first, second = lines[kept[0]], lines[kept[1]]
        first_heading_like = heading_like(first.text) and first.tag in ("p", "h2", "h3")
        second_heading_like = heading_like(second.text) or second.tag in ("h2", "h3")
        prev_meta = not keep[kept[0] + 1] if kept[0] + 1 < len(lines) else False
        if (
            first_heading_like
            and second_heading_like
            and first.tag == "p"
            and kept[0] == body_start
        ) or (
            first.tag == "p"
            and 6 <= len(first.text.split()) <= 35
            and prev_meta
            and kept[0] == body_start
        ):
            dek = first.text
        if dek:
            keep[kept[0]] = False
    kept = [i for i in range(body_start, len(lines)) if keep[i]]
    return title, dek, body_start


def _title_like(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 22
        and not text.rstrip().endswith((".", ",", ";"))
        and (text[:1].isupper() or text[:1].isdigit())
    )
