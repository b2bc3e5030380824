"""The one adapter between the importer and the rest of the project (spam cleaner, sanitiser).

The importer reaches linkcheck only here, through its pure placeholder engine's public ``scan``
(the one arrow between feature apps that the import contracts allow).
"""

from __future__ import annotations

from importer.parser.structure import _plain
from linkcheck.placeholders import scan
from pages.richtext import sanitise_stored


def clean_rich_text(markup: str) -> tuple[str, list[tuple[str, str]]]:
    """The admin's placeholder/spam cleaner, then the stored-format sanitiser every save uses;
    returns what was removed."""
    result = scan(markup)
    found = [
        (f.text, f"content-farm spam: {f.reason}") for f in result.findings if f.action == "removed"
    ]
    cleaned = sanitise_stored(result.cleaned_html)
    return cleaned, found


__all__ = ["_plain", "clean_rich_text"]
