"""Timeframe labels ('Days 1–2', 'Week 1', 'within 48 hours', 'Promptly after treatment') parsed
into the {"value", "unit"} shape PhasesBlock stores (see pages/blocks/phases.py)."""

from __future__ import annotations

import re
from dataclasses import replace

from importer.parser.model import Phase

_UNITS = {
    "hour": "hours",
    "hours": "hours",
    "hr": "hours",
    "hrs": "hours",
    "h": "hours",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "wk": "weeks",
    "month": "months",
    "months": "months",
}
_WORD_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "a": 1,
    "an": 1,
    "twenty-four": 24,
    "forty-eight": 48,
    "seventy-two": 72,
}
_NUM = (
    r"(\d{1,3}|"
    + "|".join(sorted((w for w in _WORD_NUMBERS if w not in ("a", "an")), key=len, reverse=True))
    + ")"
)
_UNIT = r"(hours?|hrs?|days?|weeks?|wks?|months?)"
_DASH = r"\s*(?:-|–|—|to|through|and)\s*"
# "Day 3", "Days 1–2", "Week 2-4", "Day 7+", "Day One"
UNIT_FIRST_RE = re.compile(
    rf"\b{_UNIT}\s+{_NUM}(?:{_DASH}{_NUM})?(\s*\+|\s+(?:onwards?|and (?:beyond|after|later)))?",
    re.I,
)
# "1-2 days", "24 to 48 hours", "3 weeks", "first 48 hours", "within 24 hours", "after 2 weeks"
NUM_FIRST_RE = re.compile(
    rf"\b(within|first|after|by|over|for|the first|up to|past)?\s*(?:the\s+)?{_NUM}(?:{_DASH}{_NUM})?\s*(?:-\s*)?{_UNIT}\b(\s+(?:later|after|on|onwards?))?",  # noqa: E501 - one regex reads better whole
    re.I,
)
# "Over weeks to months", "within a few days", "in the following weeks"
VAGUE_RE = re.compile(
    rf"\b(?:a few|several|following|coming|next)?\s*{_UNIT}(?:\s+to\s+{_UNIT})\b|\b(?:a few|several|the following|the coming|the next)\s+{_UNIT}\b",  # noqa: E501 - one regex reads better whole
    re.I,
)
IMMEDIATE_RE = re.compile(
    r"\b(immediately|promptly|right after|straight after|straight away|right away|"
    r"directly after|just after|same day|day of treatment|during (the )?treatment)\b",
    re.I,
)
PHASE_WORD_RE = re.compile(r"\b(phase|stage)\b", re.I)
TIMING_WORDS_RE = re.compile(
    r"\b(after|within|over|during|following|post[- ]?(procedure|treatment)|later|day|days|week|weeks|month|months|hours?)\b",  # noqa: E501 - one regex reads better whole
    re.I,
)


def _num(token: str | None) -> int | None:
    if token is None:
        return None
    token = token.lower()
    return int(token) if token.isdigit() else _WORD_NUMBERS.get(token)


def _unit(token: str) -> str:
    return _UNITS[token.lower().rstrip(".")]


def parse_timeframe(label: str) -> tuple[dict | None, dict | None]:
    """(start, end) from timing words; a part the words do not give is None or has value None."""
    match = UNIT_FIRST_RE.search(label)
    if match:
        unit = _unit(match.group(1))
        low, high = _num(match.group(2)), _num(match.group(3))
        if match.group(4):
            return {"value": low, "unit": unit}, None
        return {"value": low, "unit": unit}, {
            "value": high if high is not None else low,
            "unit": unit,
        }
    match = NUM_FIRST_RE.search(label)
    if match:
        lead = (match.group(1) or "").lower()
        low, high = _num(match.group(2)), _num(match.group(3))
        unit = _unit(match.group(4))
        if low is None:
            return None, None
        if high is not None:
            return {"value": low, "unit": unit}, {"value": high, "unit": unit}
        if lead in ("within", "first", "the first", "up to", "for", "over", "past", "by"):
            return {"value": 0, "unit": unit}, {"value": low, "unit": unit}
        return {"value": low, "unit": unit}, None
    if IMMEDIATE_RE.search(label):
        return {"value": 0, "unit": "hours"}, None
    match = VAGUE_RE.search(label)
    if match:
        units = [g for g in match.groups() if g]
        start = {"value": None, "unit": _unit(units[0])}
        end = {"value": None, "unit": _unit(units[1])} if len(units) > 1 else None
        return start, end
    return None, None


def has_timeframe(text: str) -> bool:
    return bool(UNIT_FIRST_RE.search(text) or NUM_FIRST_RE.search(text))


def timing_clause(description: str) -> str:
    """The leading timing words of a description ('Promptly after treatment, redness ...')."""
    head = re.split(r"[,;.]", description, maxsplit=1)[0].strip()
    if len(head.split()) <= 8 and (
        IMMEDIATE_RE.search(head) or VAGUE_RE.search(head) or has_timeframe(head)
    ):
        return head
    return ""


def split_phase_heading(text: str) -> tuple[str, str]:
    """(name, label) from 'Inflammatory Phase (Days 1–3)', 'Days 1–2: Redness', '1. Day One'."""
    text = re.sub(r"^\s*\d{1,2}[.)]\s+", "", text).strip().rstrip(":").strip()
    paren = re.match(r"^(.*?)\s*[(\[]([^)\]]+)[)\]]\s*$", text)
    if paren and (has_timeframe(paren.group(2)) or IMMEDIATE_RE.search(paren.group(2))):
        return paren.group(1).strip(" -–:"), paren.group(2).strip()
    parts = re.split(r"\s*:\s*|\s+[–—-]\s+", text, maxsplit=1)
    if len(parts) == 2 and parts[1]:
        first, second = parts
        if has_timeframe(first) and not has_timeframe(second):
            return second, first
        if has_timeframe(second) and not has_timeframe(first):
            return first, second
    return text, text if has_timeframe(text) or IMMEDIATE_RE.search(text) else ""


_HOURS = {"hours": 1, "days": 24, "weeks": 24 * 7, "months": 730}


def _hours(frame: dict | None) -> float | None:
    if not frame or frame.get("value") is None:
        return None
    return frame["value"] * _HOURS[frame.get("unit") or "days"]


def settle(found: list[Phase]) -> tuple[list[Phase], list[str]]:
    """Phases the PhasesBlock accepts: every start set and in order, no end before its start.

    A start the text leaves vague ('over the following weeks') becomes the previous phase's
    end (or start; 0 for the first phase) and is marked estimated; the label keeps the words.
    """
    settled: list[Phase] = []
    notes: list[str] = []
    prev_start = prev_end = None
    for phase in found:
        start, end, estimated = phase.start, phase.end, False
        if _hours(start) is None:
            base = prev_end if _hours(prev_end) is not None else prev_start
            start = dict(base) if base else {"value": 0, "unit": (start or {}).get("unit", "days")}
            estimated = True
            notes.append(
                f"'{phase.name}' has no clear start ('{phase.label or 'no timing given'}'); "
                f"set to {start['value']} {start['unit']}, when the phase before it ends. Check it."
            )
        elif prev_start is not None and _hours(start) < _hours(prev_start):
            notes.append(
                f"'{phase.name}' starts ({start['value']} {start['unit']}) before the phase "
                f"before it; set to {prev_start['value']} {prev_start['unit']}. Check it."
            )
            start, estimated = dict(prev_start), True
        if _hours(end) is not None and _hours(end) < _hours(start):
            notes.append(f"'{phase.name}' ended before it started; its end is left open.")
            end = None
        end = end or {"value": None, "unit": start["unit"]}
        settled.append(replace(phase, start=start, end=end, estimated=estimated))
        prev_start, prev_end = start, end
    return settled, notes
