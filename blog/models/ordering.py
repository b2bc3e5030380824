"""The one order of posts, shared by every listing."""

from __future__ import annotations

from django.db.models import F

# The one order of posts, newest first, for every listing (index, home, tag and author filters,
# feeds, related posts, API). NULL placement is explicit because SQLite sorts NULLs as the
# smallest value and PostgreSQL as the largest; the id makes ties deterministic.
NEWEST_FIRST = (
    F("published_date").desc(nulls_last=True),
    F("first_published_at").desc(nulls_last=True),
    F("pk").desc(),
)
OLDEST_FIRST = (
    F("published_date").asc(nulls_last=True),
    F("first_published_at").asc(nulls_last=True),
    F("pk").asc(),
)
