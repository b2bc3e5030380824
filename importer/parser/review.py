"""Product reviews: product name, rating, pros and cons, verdict, specs and the disclosure."""

from __future__ import annotations

import re

from importer.parser.model import Spec

REVIEW_TITLE_RE = re.compile(r"\breview(s)?\b(?!ed by)", re.I)
PROS_RE = re.compile(
    r"^(pros|the pros|what (we|i) (liked?|loved?)|the good|likes|strengths|"
    r"what'?s good|advantages)\b.{0,20}:?$",
    re.I,
)
CONS_RE = re.compile(
    r"^(cons|the cons|what (we|i) (didn'?t|did not|don'?t) like|the bad|dislikes|"
    r"drawbacks|downsides|weaknesses|what could be better|disadvantages)\b.{0,20}:?$",
    re.I,
)
VERDICT_RE = re.compile(
    r"^((our|my|the|final)\s+)*(verdict|bottom line|final thoughts|should you buy (it|one)\??|"
    r"is it worth it\??|conclusion)\b.{0,40}$",
    re.I,
)
SPECS_RE = re.compile(
    r"^(specs|specifications|tech(nical)? specs|key specs|at a glance|"
    r"product details|key features|quick facts|features)"
    r"(\s+(at a glance|overview|(and|&) features|in brief))?\s*:?$",
    re.I,
)
RATING_RE = re.compile(
    r"(?:rating|score|rated|overall|stars?)\s*[:\-]?\s*(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*(5|10)\b"
    r"|^(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*(5|10)(?:\s+stars?)?$",
    re.I,
)
DISCLOSURE_RE = re.compile(
    r"(^disclosure\s*:|\baffiliate (links?|commission|partner)|\bearn (a )?(small )?commission|"
    r"\bqualifying purchases\b|\bwe may earn\b|\bat no (extra|additional) cost to you\b|"
    r"\bsponsored (post|by)\b|\bpaid partnership\b|\bcontains affiliate\b)",
    re.I,
)
SPEC_LINE_RE = re.compile(r"^([A-Za-z][A-Za-z /()-]{1,32}?)\s*[:|]\s*(.{1,80})$")
_KNOWN_SPECS_RE = re.compile(
    r"^(needle (length|depth|sizes?|count|cartridges?)|needles?|number of needles|speed(s| settings| levels)?|"
    r"power( source)?|battery( life)?|price|cost|weight|cartridges?|warranty|material|dimensions|"
    r"noise|charging( time)?|rpm|depth range|size|volume|spf|key ingredients?)$",
    re.I,
)
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "us$": "USD", "ca$": "CAD", "a$": "AUD"}
_RANGE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:mm)?\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_UNIT_RE = re.compile(
    r"\b(mm|cm|ml|g|oz|mah|hours?|hrs?|minutes?|mins?|rpm|needles?|pins?|speeds?|"
    r"settings?|levels?|years?|months?|weeks?|days?|nm|kg|lbs?|w|v|spf)\b",
    re.I,
)


def is_review_title(title: str) -> bool:
    return bool(REVIEW_TITLE_RE.search(title))


def product_from_title(title: str) -> str:
    """'Dr. Pen A6S Review: Worth It in 2024?' -> 'Dr. Pen A6S'."""
    name = re.split(r"\s*(?::|\||–|—|\s-\s|\?)\s*", title)
    main = next((part for part in name if REVIEW_TITLE_RE.search(part)), name[0])
    main = re.sub(
        r"\b(an?\s+)?(honest|in-depth|hands-on|full|detailed|unbiased|complete|expert|my|our)\b",
        "",
        main,
        flags=re.I,
    )
    main = re.sub(r"\breview(s)?\b|\(.*?\)|\b(19|20)\d{2}\b", "", main, flags=re.I)
    # 'Our Review of the Aura Derma Stamp': the product follows 'of'/'on'.
    main = re.sub(r"^\s*(of|on)\s+", "", main.strip(), flags=re.I)
    main = re.sub(r"^\s*(the|a)\s+", "", main.strip(), flags=re.I)
    return " ".join(main.split()).strip(" -:,")


def parse_rating(text: str) -> tuple[float, int] | None:
    match = RATING_RE.search(text.strip())
    if not match:
        return None
    value = match.group(1) or match.group(3)
    scale = match.group(2) or match.group(4)
    rating, scale_n = float(value), int(scale)
    return (rating, scale_n) if rating <= scale_n else None


def parse_spec(text: str, in_specs_section: bool) -> Spec | None:
    """'Needle length: 0.25–2.5 mm' -> Spec('needle length', '0.25-2.5', 'mm')."""
    match = SPEC_LINE_RE.match(text.strip())
    if not match:
        return None
    name, raw = match.group(1).strip().lower(), match.group(2).strip().rstrip(".")
    if not in_specs_section and not _KNOWN_SPECS_RE.match(name):
        return None
    if len(raw.split()) > 10:
        return None
    for symbol, code in sorted(_CURRENCY.items(), key=lambda kv: -len(kv[0])):
        if raw.lower().startswith(symbol):
            number = _NUMBER_RE.search(raw)
            if number:
                return Spec(name, number.group(0).replace(",", ""), code)
    code = re.search(r"\b(USD|GBP|EUR|CAD|AUD)\b", raw)
    if code and _NUMBER_RE.search(raw):
        return Spec(name, _NUMBER_RE.search(raw).group(0).replace(",", ""), code.group(1))
    span = _RANGE_RE.search(raw)
    unit = _UNIT_RE.search(raw)
    if span:
        return Spec(name, f"{span.group(1)}-{span.group(2)}", unit.group(1).lower() if unit else "")
    number = _NUMBER_RE.match(raw)
    if number and unit:
        return Spec(name, number.group(0), unit.group(1).lower())
    if number and raw == number.group(0):
        return Spec(name, raw, "")
    return Spec(name, raw, "")


def split_points(text: str) -> list[str]:
    """'Pros: light, quiet; cheap' on one line -> ['light', 'quiet', 'cheap']."""
    _label, _sep, rest = text.partition(":")
    return [p.strip(" .") for p in re.split(r"[;,]\s*", rest) if p.strip(" .")]
