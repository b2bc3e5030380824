"""Spelling suggestions ("Did you mean ...?") from the words of the site's own content.

The vocabulary is the words of visible post titles, the tags in use and published author
names, built once per content generation and cached. A query word the vocabulary lacks is
replaced by its closest vocabulary word: by pg_trgm's trigram similarity on PostgreSQL (the
search app's migration creates the extension), by difflib's ratio elsewhere (SQLite), so the
embedded default suggests too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

from django.db import connection
from django.db.models import QuerySet

from ..models import ArticlePageTag, Author
from ..representation.generation import current_generation, generation_cache

WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
CUTOFF = 0.72  # difflib ratio: one wrong, missing or swapped letter in a 6-8 letter word
TRIGRAM_CUTOFF = 0.3  # pg_trgm's own default similarity threshold
VOCABULARY_TIMEOUT = 24 * 3600


def words(texts: Iterable[str]) -> set[str]:
    return {word.lower() for text in texts for word in WORD.findall(text or "")}


def build_vocabulary(posts: QuerySet) -> frozenset[str]:
    """Words of the visible posts' titles, their tags and published authors' names."""
    ids = posts.order_by().values("pk")
    titles = posts.order_by().values_list("title", flat=True).iterator(chunk_size=5000)
    tags = (
        ArticlePageTag.objects.filter(content_object_id__in=ids)
        .values_list("tag__name", flat=True)
        .distinct()
    )
    authors = Author.objects.filter(live=True).values_list("name", flat=True)
    return frozenset(words(titles) | words(tags) | words(authors))


def vocabulary(posts: QuerySet, scope_key: str) -> frozenset[str]:
    """build_vocabulary, cached per generation and per site (`scope_key`)."""
    key = f"skincare-search:vocabulary:{current_generation().token}:{scope_key}"
    cache = generation_cache()
    found = cache.get(key)
    if found is None:
        found = build_vocabulary(posts)
        cache.set(key, found, timeout=VOCABULARY_TIMEOUT)
    return found


def closest_difflib(word: str, known: frozenset[str]) -> str | None:
    # Only words of a similar length can reach the cutoff; skipping the rest keeps this to a
    # few milliseconds on a vocabulary of tens of thousands of words.
    candidates = [w for w in known if abs(len(w) - len(word)) <= 2]
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
    return found[0] if found else None


def closest_trigram(word: str, known: frozenset[str]) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w FROM unnest(%s::text[]) AS w WHERE similarity(w, %s) >= %s"
            " ORDER BY similarity(w, %s) DESC, w LIMIT 1",
            [sorted(known), word, TRIGRAM_CUTOFF, word],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def corrected(query: str, known: frozenset[str], closest: Callable) -> str | None:
    """The query with each unknown word replaced by its closest known word, or None."""
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group()
        if word.lower() in known:
            return word
        better = closest(word.lower(), known)
        if better is None:
            return word
        changed = True
        return better

    fixed = WORD.sub(fix, query)
    return fixed if changed else None


def suggest(query: str, posts: QuerySet, scope_key: str) -> str | None:
    """A corrected spelling of `query` from the site's vocabulary, or None."""
    known = vocabulary(posts, scope_key)
    if not known:
        return None
    closest = closest_trigram if connection.vendor == "postgresql" else closest_difflib
    return corrected(query, known, closest)
