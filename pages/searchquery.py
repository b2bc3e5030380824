"""Free-text search queries made safe for every search backend (SQLite FTS5, PostgreSQL)."""

from __future__ import annotations

import re

_UNSEARCHABLE = re.compile(r'["\x00-\x1f\x7f]+')


def search_text(query: str) -> str:
    """Free text made safe for every search backend.

    A lone double quote is an FTS5 syntax error ("unterminated string") and NUL bytes are
    rejected by PostgreSQL, so both go, with other control characters; words stay as typed.
    """
    return " ".join(_UNSEARCHABLE.sub(" ", query).split())
