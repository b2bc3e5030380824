"""Plain text copied from a web page: one line per paragraph, heading or item."""

from __future__ import annotations

import re

from importer.parser.model import SourceDoc, SourceLine

_BULLET_RE = re.compile(r"^\s*[•\-\*–·▪●]\s+")


def read(text: str, source: str) -> SourceDoc:
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            continue
        if _BULLET_RE.match(raw):
            lines.append(SourceLine(_BULLET_RE.sub("", raw).strip(), "li"))
        else:
            lines.append(SourceLine(stripped, "p"))
    return SourceDoc(source=source, lines=tuple(lines), fmt="text")
