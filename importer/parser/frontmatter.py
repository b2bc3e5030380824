"""The lines around the post: boundaries dropped with a reason, bylines, reviewers, dates,
disclosures and 'About X' boxes read into fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importer.parser import boundaries as bd
from importer.parser import dates, people
from importer.parser import review as rv
from importer.parser.model import AuthorProfile, Dropped, Person, SourceLine

_WEBSITE_RE = re.compile(r"\b((?:www\.)?[A-Za-z0-9-]+\.(?:com|net|org|co\.uk|io|blog|shop))\b")

# A bare 'Name, credentials' line is a byline only near the top, where bylines sit.
_BYLINE_WINDOW = 12


@dataclass
class Front:
    """What the first pass found, and which lines it kept."""

    lines: list[SourceLine]
    keep: list[bool]
    dropped: list[Dropped] = field(default_factory=list)
    disclosure: list[str] = field(default_factory=list)
    profile: AuthorProfile | None = None
    authors: list[Person] = field(default_factory=list)
    reviewer: Person | None = None
    published: str | None = None
    updated: str | None = None

    def drop(self, index: int, reason: str) -> None:
        if self.keep[index]:
            self.keep[index] = False
            self.dropped.append(Dropped(self.lines[index].text, reason))


def read_front(lines: list[SourceLine]) -> Front:
    """One pass over every line: drop what is not the post, read what describes it."""
    front = Front(lines, [True] * len(lines))
    drop = front.drop
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
            if (
                bd.is_avatar(text)
                and i + 1 < len(lines)
                and people.looks_like_name(lines[i + 1].text)
            ):
                drop(i + 1, "author box residue (the name under an avatar)")
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
        if found_reviewer and people.is_team_review(text, found_reviewer):
            authors = authors or [found_reviewer]
            drop(i, "byline")
            continue
        if found_reviewer:
            reviewer = reviewer or found_reviewer
            by = people.byline(text)
            if by:
                authors = authors or by
            published, updated = _keep_first_dates(text, published, updated)
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
            published, updated = _keep_first_dates(text, published, updated)
            drop(i, "byline")
            if (
                i + 1 < len(lines)
                and people.credentials_line(lines[i + 1].text)
                and not by[0].credentials
            ):
                authors = [Person(by[0].name, lines[i + 1].text), *by[1:]]
                drop(i + 1, "byline")
            continue
        named = people.credentialed_name(text) if i < _BYLINE_WINDOW and not authors else None
        if named:
            authors = named
            drop(i, "byline")
            continue
        if bd.is_meta_line(text):
            published, updated = _keep_first_dates(text, published, updated)
            drop(i, "date line")
    front.disclosure, front.profile, front.authors = disclosure, profile, authors
    front.reviewer, front.published, front.updated = reviewer, published, updated
    return front


def _keep_first_dates(
    text: str, published: str | None, updated: str | None
) -> tuple[str | None, str | None]:
    """The first publication and update dates seen win; later lines only fill what is missing."""
    for when, is_update in dates.all_dates(text):
        if is_update:
            updated = updated or when.isoformat()
        else:
            published = published or when.isoformat()
    return published, updated
