"""Markdown (CommonMark with tables), rendered by markdown-it-py and then read as HTML."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from importer.parser.model import SourceDoc
from importer.parser.readers import html

_FRONT_MATTER_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_MD = MarkdownIt("commonmark", {"html": True}).enable("table")


def read(text: str, source: str) -> SourceDoc:
    meta: dict = {}
    match = _FRONT_MATTER_RE.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[match.end() :]
    return html.read(_MD.render(text), source, fmt="markdown", meta=meta)
