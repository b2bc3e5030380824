"""`parse()`: one SourceDoc through repairs, boundaries, people and dates, then typed blocks."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from importer.parser import boundaries as bd
from importer.parser import dates, people
from importer.parser import review as rv
from importer.parser.lines import classify, heading_like
from importer.parser.model import (
    AuthorProfile,
    Dropped,
    ImportedPost,
    Note,
    Person,
    Review,
    SourceDoc,
    SourceLine,
)
from importer.parser.readers import read
from importer.parser.repairs import repair, spelling_suggestions
from importer.parser.structure import Builder, _plain

# A cleaner takes stored rich text and returns (cleaned, [(text, reason), ...]); the importer's
# service layer passes the admin's spam cleaner and sanitiser, so this module stays pure.
Cleaner = Callable[[str], tuple[str, list[tuple[str, str]]]]
_WEBSITE_RE = re.compile(r"\b((?:www\.)?[A-Za-z0-9-]+\.(?:com|net|org|co\.uk|io|blog|shop))\b")
_RICH_KEYS = ("explanation", "description", "answer", "body", "intro")


def parse_many(
    path: str | Path, fmt: str = "auto", *, cleaner: Cleaner | None = None, **limits
) -> Iterator[ImportedPost]:
    for doc in read(path, fmt, **limits):
        yield parse(doc, cleaner=cleaner)


def parse(doc: SourceDoc, *, cleaner: Cleaner | None = None) -> ImportedPost:
    """Recover the post's structure from neutral lines; reads no database."""
    notes: list[Note] = []
    dropped: list[Dropped] = []
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

    keep = [True] * len(lines)

    def drop(index: int, reason: str) -> None:
        if keep[index]:
            keep[index] = False
            dropped.append(Dropped(lines[index].text, reason))

    disclosure: list[str] = []
    profile: AuthorProfile | None = None
    authors: list[Person] = []
    reviewer: Person | None = None
    published = updated = None
    comments_from = None
    for i, line in enumerate(lines):
        text = line.text
        if comments_from is not None:
            drop(i, "comments")
            continue
        reason = bd.reason_for(text, line.tag)
        if reason:
            drop(i, reason)
            if reason == "share/comment residue" and re.match(
                r"^(leave a|\d+ comments?|comments?$|add a comment)", text, re.I
            ):
                comments_from = i
            elif reason == "table of contents" and line.tag != "chrome":
                later = {bd.norm(x.text) for x in lines[i + 1 :] if len(x.text.split()) > 0}
                j = i + 1
                while j < len(lines) and bd.is_short_teaser(lines[j].text):
                    following = {bd.norm(x.text) for x in lines[j + 1 :]}
                    if (
                        bd.norm(lines[j].text) not in following
                        or bd.norm(lines[j].text) not in later
                    ):
                        break
                    drop(j, "table of contents")
                    j += 1
            continue
        if rv.DISCLOSURE_RE.search(text) and len(text.split()) <= 70:
            disclosure.append(text)
            drop(i, "affiliate disclosure (moved to the disclosure field)")
            continue
        if bd.is_related_lead(text):
            drop(i, "related-posts teaser")
            j = i + 1
            while (
                j < len(lines)
                and bd.is_short_teaser(lines[j].text)
                and lines[j].tag not in ("h1", "h2")
            ):
                drop(j, "related-posts teaser")
                j += 1
            continue
        name = people.about_name(text) if len(text.split()) <= 5 else None
        if name is not None and i + 1 < len(lines) and len(lines[i + 1].text.split()) >= 8:
            bio = lines[i + 1].text
            name = name or people.name_from_bio(bio)
            if name:
                site = _WEBSITE_RE.search(bio)
                profile = AuthorProfile(name, bio, site.group(1) if site else "")
                drop(i, "author box (became an Author profile)")
                drop(i + 1, "author box (became an Author profile)")
                continue
        found_reviewer = people.reviewer(text)
        if found_reviewer:
            reviewer = reviewer or found_reviewer
            by = people.byline(text)
            if by:
                authors = authors or by
            for when, is_update in dates.all_dates(text):
                if is_update:
                    updated = updated or when.isoformat()
                else:
                    published = published or when.isoformat()
            drop(i, "medical reviewer line")
            continue
        by = people.byline(text)
        if by is None and people.BYLINE_ALONE_RE.match(text) and i + 1 < len(lines):
            by = people.parse_people(lines[i + 1].text)
            if by:
                drop(i, "byline")
                i += 1
                keep_line = i
                if keep_line + 1 < len(lines):
                    creds = people.credentials_line(lines[keep_line + 1].text)
                    if creds and by:
                        by = [Person(by[0].name, creds), *by[1:]]
                        drop(keep_line + 1, "byline")
        if by:
            authors = authors or by
            for when, is_update in dates.all_dates(text):
                if is_update:
                    updated = updated or when.isoformat()
                else:
                    published = published or when.isoformat()
            drop(i, "byline")
            if (
                i + 1 < len(lines)
                and people.credentials_line(lines[i + 1].text)
                and not by[0].credentials
            ):
                authors = [Person(by[0].name, lines[i + 1].text), *by[1:]]
                drop(i + 1, "byline")
            continue
        if bd.is_meta_line(text):
            for when, is_update in dates.all_dates(text):
                if is_update:
                    updated = updated or when.isoformat()
                else:
                    published = published or when.isoformat()
            drop(i, "date line")

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
    built = Builder(body_lines, key, is_review).run()
    for kind, text in built.notes:
        notes.append(Note(kind, text))

    blocks = built.blocks
    if cleaner is not None:
        blocks, spam = _clean_blocks(blocks, cleaner)
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


def _clean_blocks(blocks: list[dict], cleaner: Cleaner) -> tuple[list[dict], list[tuple[str, str]]]:
    spam: list[tuple[str, str]] = []
    out = []
    for block in blocks:
        value = block["value"]
        if isinstance(value, str):
            cleaned, found = cleaner(value)
            spam.extend(found)
            if _plain(cleaned):
                out.append({**block, "value": cleaned})
            continue
        value = dict(value)
        for key in _RICH_KEYS:
            if isinstance(value.get(key), str) and value[key]:
                value[key], found = cleaner(value[key])
                spam.extend(found)
        if "items" in value:
            items = []
            for item in value["items"]:
                inner = dict(item["value"])
                for key in _RICH_KEYS:
                    if isinstance(inner.get(key), str) and inner[key]:
                        inner[key], found = cleaner(inner[key])
                        spam.extend(found)
                items.append({**item, "value": inner})
            value["items"] = items
        out.append({**block, "value": value})
    return out, spam
