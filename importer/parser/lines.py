"""Body lines after boundaries: each classified as heading, paragraph or list item."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBERED_RE = re.compile(r"^\s*(\d{1,2})[.)]\s+(.+)$")
_TERMINAL_RE = re.compile(r"[.!;,…]$")
_LABEL_SPLIT_RE = re.compile(r"^(.{2,80}?)(?::\s+|\s+[–—]\s+|\s+-\s+)(.+)$")
_BOLD_LEAD_RE = re.compile(r"^\s*<(strong|b)>(.+?)</\1>\s*[:.–—-]?\s*(.*)$", re.S)
_TAG_RE = re.compile(r"<[^>]+>")
# 'Needle count: 16', 'Price: $129.99': a label and a value, never a heading.
_VALUE_RE = re.compile(r"^[^:]{1,40}:\s*[$£€]?\d")
_INNER_SENTENCE_RE = re.compile(r"[a-z][.!?]\s+[A-Z]")


@dataclass(frozen=True, slots=True)
class BodyLine:
    text: str
    kind: str  # "heading" | "para" | "item"
    level: str = "h2"
    number: int | None = None
    html: str = ""

    @property
    def stripped(self) -> str:
        """The text without a leading '1.' number."""
        match = NUMBERED_RE.match(self.text)
        return match.group(2).strip() if match else self.text

    def label_rest(self) -> tuple[str, str] | None:
        """('Title', 'explanation') for 'Title: explanation' or a bold lead-in."""
        if self.html:
            bold = _BOLD_LEAD_RE.match(self.html)
            if bold and bold.group(3).strip():
                label = _TAG_RE.sub("", bold.group(2)).strip().rstrip(":.")
                return re.sub(r"^\d{1,2}[.)]\s*", "", label), _TAG_RE.sub("", bold.group(3)).strip()
        match = _LABEL_SPLIT_RE.match(self.stripped)
        if match and len(match.group(1).split()) <= 8 and not _TERMINAL_RE.search(match.group(1)):
            return match.group(1).strip(), match.group(2).strip()
        return None


def heading_like(text: str, html: str = "") -> bool:
    """A text-only line that reads as a heading: short, no sentence end, capitalised."""
    if html and re.fullmatch(r"\s*<(strong|b)>[^<]+</\1>\s*", html):
        return True
    words = text.split()
    if not words or len(words) > 14 or len(text) > 110:
        return False
    if _TERMINAL_RE.search(text):
        return False
    if text.endswith(":") and len(words) > 4:
        return False
    if _VALUE_RE.match(text) or _INNER_SENTENCE_RE.search(text):
        return False
    first = NUMBERED_RE.sub(r"\2", text).strip()[:1]
    return first.isupper() or first.isdigit()


def classify(text: str, tag: str, html: str, next_text: str | None) -> BodyLine:
    if tag in ("h1", "h2"):
        return BodyLine(text, "heading", "h2", html=html)
    if tag in ("h3", "h4"):
        return BodyLine(text, "heading", "h3", html=html)
    number = None
    match = NUMBERED_RE.match(text)
    if match:
        number = int(match.group(1))
    if tag in ("li", "oli", "td"):
        return BodyLine(text, "item", number=number, html=html)
    longer_next = next_text is not None and len(next_text.split()) > len(text.split())
    if heading_like(text, html) and (longer_next or text.endswith("?")):
        return BodyLine(text, "heading", "h2", number=number, html=html)
    return BodyLine(text, "para", number=number, html=html)
