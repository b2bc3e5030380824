"""Dates as blogs print them: 'March 3, 2024', '3rd March 2024', '2024-03-03', '03/03/2024'."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501 - one regex reads better whole
_PATTERNS = (
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.I),
        "dmy",
    ),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "slash"),
)
UPDATED_RE = re.compile(r"\b(updated|modified|revised|last reviewed|reviewed on)\b", re.I)
_LABEL_RE = re.compile(
    r"\b(published|posted|posted on|published on|on|date|updated|last updated|updated on|"
    r"modified|revised|last reviewed|reviewed on|min read|minute read|read|by)\b|[|·•:—–,\-]|\d+",
    re.I,
)


def find_date(text: str) -> tuple[date, tuple[int, int]] | None:
    """The first date in the text and where it is."""
    best = None
    for pattern, kind in _PATTERNS:
        match = pattern.search(text)
        if not match or (best and match.start() >= best[1][0]):
            continue
        parsed = _build(match.groups(), kind)
        if parsed:
            best = (parsed, match.span())
    return best


def _build(groups: tuple, kind: str) -> date | None:
    try:
        if kind == "mdy":
            return date(int(groups[2]), _MONTHS[groups[0].lower().rstrip(".")], int(groups[1]))
        if kind == "dmy":
            return date(int(groups[2]), _MONTHS[groups[1].lower().rstrip(".")], int(groups[0]))
        if kind == "iso":
            return date(int(groups[0]), int(groups[1]), int(groups[2]))
        # 03/04/2024: US order unless the first number cannot be a month.
        first, second, year = int(groups[0]), int(groups[1]), int(groups[2])
        if first > 12:
            return date(year, second, first)
        return date(year, first, second)
    except (ValueError, KeyError):
        return None


def all_dates(text: str) -> list[tuple[date, bool]]:
    """Every (date, is_update) in a meta line such as 'Posted March 3, 2024 | Updated May 1, 2024'."""
    found = []
    rest = text
    while True:
        hit = find_date(rest)
        if not hit:
            return found
        when, (start, end) = hit
        before = rest[:start]
        found.append((when, bool(UPDATED_RE.search(before.rsplit("|", 1)[-1]))))
        rest = rest[end:]


def is_date_line(text: str) -> bool:
    """A line that is only a date plus labels ('Updated on March 3, 2024 · 6 min read')."""
    if len(text) > 90 or not find_date(text):
        return False
    residue = text
    for pattern, _kind in _PATTERNS:
        residue = pattern.sub(" ", residue)
    residue = _LABEL_RE.sub(" ", residue)
    return len(residue.split()) <= 1


def iso_from_meta(value: str) -> str | None:
    """A WXR or front-matter date ('2024-03-05 10:00:00', 'Tue, 05 Mar 2024 ...') as ISO."""
    hit = find_date(value or "")
    return hit[0].isoformat() if hit else None
