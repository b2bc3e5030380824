"""The one adapter between the importer and the rest of the project (spam cleaner, sanitiser).

Every import from blog.linkcheck / blog.api lives here, so moving those apps is a one-line change.
"""

from __future__ import annotations

from blog.api.richtext import sanitise_html
from blog.linkcheck.placeholders import scan
from importer.parser.structure import _plain


def clean_rich_text(markup: str) -> tuple[str, list[tuple[str, str]]]:
    """The admin's placeholder/spam cleaner, then its sanitiser; returns what was removed."""
    result = scan(markup)
    found = [
        (f.text, f"content-farm spam: {f.reason}") for f in result.findings if f.action == "removed"
    ]
    cleaned = sanitise_html(result.cleaned_html)
    return cleaned, found


__all__ = ["_plain", "clean_rich_text"]
