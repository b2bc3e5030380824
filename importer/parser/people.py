"""Bylines, credentials, medical reviewers and 'About X' author boxes."""

from __future__ import annotations

import re

from importer.parser.model import Person

_CRED_TOKEN_RE = re.compile(
    r"^(MD|M\.D\.|DO|D\.O\.|FAAD|RN|BSN|MSN|DNP|NP|FNP|FNP-BC|FNP-C|APRN|PA|PA-C|PhD|Ph\.D\.|"
    r"MBBS|MRCP|MPH|MS|MSc|BSc|BS|BA|MA|LE|LME|CME|CNS|DPM|PharmD|RD|LPN|CCRN|FACMS|FRCP)$"
)
_CRED_PHRASE_RE = re.compile(
    r"\b(esthetician|aesthetician|dermatologist|nurse|practitioner|surgeon|physician|"
    r"pharmacist|cosmetic chemist|skin ?care specialist|board[- ]certified|licensed|certified|"
    r"dermatology|doctor)\b",
    re.I,
)
TEAM_RE = re.compile(
    r"\b(team|staff|editors|editorial|desk|writers|crew|clinic|contributors)\b", re.I
)
BYLINE_RE = re.compile(r"^(?:written\s+|posted\s+|words\s+|article\s+)?by\s*[:\-]?\s+(.+)$", re.I)
BYLINE_ALONE_RE = re.compile(
    r"^(?:written\s+by|posted\s+by|by|author|written by:|author:)\s*:?$", re.I
)
AUTHOR_LABEL_RE = re.compile(r"^(?:author|writer|written by)\s*:\s*(.+)$", re.I)
REVIEWER_RE = re.compile(
    r"(?:^|\|\s*|[·•—–]\s*)(?:medically|clinically|expert|fact[- ]checked and)?\s*"
    r"(?:reviewed|fact[- ]checked)\s+by\s*[:\-]?\s*(.+)$"
    r"|^medical reviewer\s*:\s*(.+)$",
    re.I,
)
ABOUT_RE = re.compile(
    r"^[Aa]bout\s+(the\s+author|the\s+writer|me|(?:dr\.?\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:?$"
)
_NAME_WORD_RE = re.compile(r"^(?:[A-Z][\w.'’-]*|de|van|von|der|la|le|da|del|the|of|and|&)$")
_SEPARATORS_RE = re.compile(
    r"\s*(?:\||·|•|—|–|\s-\s)\s*|\s+on\s+(?=[A-Z0-9])|\s+(?=(?:updated|published|posted)\b)", re.I
)
_CLINICAL_RE = re.compile(r"\b(medically|clinically|expert|fact[- ]checked)\b", re.I)
_DATE_HINT_RE = re.compile(r"\d{4}|\b(min|read|updated|published|posted)\b", re.I)


def is_credential(part: str) -> bool:
    part = part.strip()
    return bool(_CRED_TOKEN_RE.match(part)) or bool(_CRED_PHRASE_RE.search(part))


def looks_like_name(text: str) -> bool:
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper():
        return False
    return all(_NAME_WORD_RE.match(w) for w in words)


def parse_people(text: str) -> list[Person]:
    """'Jane Doe, RN and Sam Lee' -> [Person('Jane Doe', 'RN'), Person('Sam Lee')]."""
    text = _SEPARATORS_RE.split(text.strip(), maxsplit=1)[0].strip().rstrip(".")
    people: list[Person] = []
    for chunk in re.split(r"\s+(?:and|&)\s+(?=(?:Dr\.?\s+)?[A-Z])", text):
        parts = [p.strip() for p in chunk.split(",") if p.strip()]
        while parts:
            name, creds = parts[0], []
            parts = parts[1:]
            while parts and is_credential(parts[0]):
                creds.append(parts.pop(0))
            name = re.sub(r"\s+", " ", name)
            # 'Dr.' is a title, not part of the name the Author snippet is matched on.
            name = re.sub(r"^Dr\.?\s+(?=[A-Z])", "", name)
            if TEAM_RE.search(name) and name.lower().startswith("the "):
                name = name[4:]
            if looks_like_name(name) or TEAM_RE.search(name):
                people.append(Person(name, ", ".join(creds)))
    return people


def byline(text: str) -> list[Person] | None:
    """The authors if this line is a byline ('By Jane Doe, RN | March 3, 2024'), else None."""
    if len(text.split()) > 24:
        return None
    match = BYLINE_RE.match(text) or AUTHOR_LABEL_RE.match(text)
    if not match:
        return None
    head = re.split(
        r"\s*(?:\||·|•)\s*(?:medically|clinically|expert)?\s*reviewed", match.group(1), flags=re.I
    )[0]
    people = parse_people(head)
    return people or None


def credentialed_name(text: str) -> list[Person] | None:
    """A line that is only a name with credentials ('Dr. Amir Haddad, MD, FAAD'): a byline."""
    if len(text.split()) > 10 or "," not in text or text.endswith("."):
        return None
    name, _sep, rest = text.partition(",")
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    if not looks_like_name(re.sub(r"^Dr\.?\s+", "", name.strip())) or not parts:
        return None
    return parse_people(text) if all(is_credential(p) for p in parts) else None


def is_team_review(text: str, person: Person) -> bool:
    """'Reviewed by the SkinTested Team' on a review site names the writers, not a clinician."""
    return bool(TEAM_RE.search(person.name)) and not _CLINICAL_RE.search(text)


def reviewer(text: str) -> Person | None:
    if len(text.split()) > 24:
        return None
    match = REVIEWER_RE.search(text)
    if not match:
        return None
    people = parse_people(match.group(1) or match.group(2) or "")
    return people[0] if people else None


def about_name(text: str) -> str | None:
    """'About San' -> 'San'; 'About the author' -> '' (the name comes from the bio)."""
    match = ABOUT_RE.match(text.strip())
    if not match:
        return None
    name = match.group(1)
    if name.lower().startswith(("the ", "me")):
        return ""
    return name


def name_from_bio(bio: str) -> str:
    """'Jane Doe is a licensed esthetician ...' -> 'Jane Doe'."""
    match = re.match(
        r"^((?:Dr\.?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?:,|\s+(?:is|has|was|writes|founded))",
        bio,
    )
    return match.group(1) if match else ""


def credentials_line(text: str) -> str | None:
    """A line holding only credentials ('Licensed esthetician', 'MD, FAAD'), else None."""
    if len(text.split()) > 6 or _DATE_HINT_RE.search(text) or text.endswith("."):
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return text.strip() if parts and all(is_credential(p) for p in parts) else None
