"""`parse()`: one SourceDoc through repairs, boundaries, people and dates, then typed blocks."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from importer.parser import dates, people
from importer.parser import review as rv
from importer.parser.cleaning import Cleaner, clean_blocks
from importer.parser.frontmatter import read_front
from importer.parser.lines import classify
from importer.parser.model import (
    Dropped,
    ImportedPost,
    Note,
    Person,
    Review,
    SourceDoc,
    SourceLine,
)
from importer.parser.readers import read, read_bytes
from importer.parser.repairs import repair, spelling_suggestions
from importer.parser.structure import Builder
from importer.parser.title import find_title


def parse_many(
    path: str | Path, fmt: str = "auto", *, cleaner: Cleaner | None = None, **limits
) -> Iterator[ImportedPost]:
    for doc in read(path, fmt, **limits):
        yield parse(doc, cleaner=cleaner)


def parse_upload(
    data: bytes, name: str, fmt: str = "auto", *, cleaner: Cleaner | None = None, **limits
) -> Iterator[ImportedPost]:
    """The posts of an upload held in memory (the admin view)."""
    for doc in read_bytes(data, name, fmt, **limits):
        yield parse(doc, cleaner=cleaner)


def parse(doc: SourceDoc, *, cleaner: Cleaner | None = None) -> ImportedPost:
    """Recover the post's structure from neutral lines; reads no database."""
    notes: list[Note] = []
    lines: list[SourceLine] = []
    repairs: dict[str, int] = {}
    for line in doc.lines:
        text, changes = repair(line.text)
        for change in changes:
            repairs[change] = repairs.get(change, 0) + 1
        for suggestion in spelling_suggestions(text):
            notes.append(Note("spelling", suggestion))
        if text:
            lines.append(SourceLine(text, line.tag, line.html if text == line.text else ""))
    for change, count in repairs.items():
        notes.append(Note("repair", f"{change} ({count} line{'s' if count > 1 else ''})"))

    front = read_front(lines)
    title, dek, body_start = find_title(doc, front)
    keep, dropped = front.keep, front.dropped
    authors, reviewer, profile = front.authors, front.reviewer, front.profile
    published, updated, disclosure = front.published, front.updated, front.disclosure
    kept = [i for i in range(body_start, len(lines)) if keep[i]]

    if not authors and doc.meta.get("author"):
        authors = people.parse_people(doc.meta["author"]) or [Person(doc.meta["author"])]
    if not authors and doc.meta.get("docx_author"):
        authors = people.parse_people(doc.meta["docx_author"])
    if not authors and profile:
        authors = [Person(profile.name)]
    published = published or dates.iso_from_meta(doc.meta.get("date", ""))
    modified = dates.iso_from_meta(doc.meta.get("modified", ""))
    if not updated and modified and published and modified > published:
        updated = modified

    body_lines = [
        classify(
            lines[i].text,
            lines[i].tag,
            lines[i].html,
            lines[kept[n + 1]].text if n + 1 < len(kept) else None,
        )
        for n, i in enumerate(kept)
    ]
    is_review = rv.is_review_title(title) or any(
        b.kind in ("heading", "para") and rv.PROS_RE.match(b.stripped.rstrip(":"))
        for b in body_lines
    )
    key = _source_key(doc, lines)
    built = Builder(body_lines, key, is_review, title).run()
    for kind, text in built.notes:
        notes.append(Note(kind, text))

    blocks = built.blocks
    if cleaner is not None:
        blocks, spam = clean_blocks(blocks, cleaner)
        for text, reason in spam:
            dropped.append(Dropped(text, reason))
        built.body_text = [
            t for t in built.body_text if not any(t.strip() == s.strip() for s, _r in spam)
        ]

    review = None
    kind = "article"
    if is_review and (built.pros or built.cons or built.rating or built.verdict or built.specs):
        kind = "review"
        rating, scale = built.rating if built.rating else (None, None)
        review = Review(
            product=rv.product_from_title(title),
            rating=rating,
            scale=scale,
            verdict=built.verdict or built.conclusion,
            pros=tuple(built.pros),
            cons=tuple(built.cons),
            specs=tuple(built.specs),
        )
    return ImportedPost(
        source=doc.source,
        source_key=key,
        kind=kind,
        title=title,
        dek=dek,
        authors=tuple(authors),
        reviewer=reviewer,
        published=published,
        updated=updated,
        headings=tuple(built.headings),
        benefits=tuple(built.benefits),
        phases=tuple(built.phases),
        citations=tuple(built.citations),
        review=review,
        disclosure=" ".join(disclosure) or None,
        body_text=tuple(built.body_text),
        blocks=tuple(blocks),
        dropped=tuple(dropped),
        notes=tuple(notes),
        author_profile=profile,
        excerpt=doc.meta.get("excerpt", ""),
        categories=tuple(doc.meta.get("categories", ())),
        tags=tuple(doc.meta.get("tags", ())),
        attachments=tuple(doc.meta.get("attachments", ())),
        media=tuple(doc.meta.get("media", ())),
    )


def _title_like(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 22 and not text.rstrip().endswith((".", ",", ";")) and text[:1].isupper()
    )


def _source_key(doc: SourceDoc, lines: list[SourceLine]) -> str:
    for name in ("guid", "link"):
        if doc.meta.get(name):
            return f"{name}:{doc.meta[name]}"[:255]
    digest = hashlib.sha256("\n".join(line.text for line in lines).encode()).hexdigest()
    return f"sha256:{digest}"
