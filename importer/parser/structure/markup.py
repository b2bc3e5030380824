"""Stored rich text from body lines, and plain text back from stored rich text."""

from __future__ import annotations

import html as html_lib
import re

from importer.parser.lines import BodyLine


def p_html(line: BodyLine | str) -> str:
    if isinstance(line, BodyLine):
        return (
            f"<p>{line.html}</p>"
            if line.html and _plain(line.html) == line.text
            else f"<p>{html_lib.escape(line.text, quote=False)}</p>"
        )
    return f"<p>{html_lib.escape(line, quote=False)}</p>"


def _plain(markup: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", markup)).split())
