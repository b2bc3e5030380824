"""One page of ranked matches from PostgreSQL's search index, stopping early on common words.

At 100,000 posts a common word (`microneedling`) matches about 40,000 entries. The shape
before counted, visibility-checked and sorted every one of them (218-373 ms for the SQL
alone). Here no step reads more matches than the page needs:

- candidates: the visible title matches, newest first, then the visible other matches, newest
  first, each branch an `ORDER BY id DESC LIMIT` (the planner walks the primary key
  backwards, checking each entry, when the word is common; takes the GIN index and sorts
  when it is rare), cut at the end of the rank chunk the page falls in;
- ranking: candidates are ranked (ts_rank, title weighted, as the backend ranks) within
  chunks of RANK_WINDOW, so every page of a query comes from one fixed order: page 1 ranks
  the first chunk, a deep page its own chunk;
- count: when fewer candidates came back than were asked for they are all the matches;
  otherwise the visible matches are counted up to COUNT_CAP (the count is then marked
  inexact, "1,000+"): pages reach as far as the count does.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import connections, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Exists,
    F,
    Func,
    OuterRef,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks

# ts_rank reads each candidate's body vector (about 45 us an entry): ranking all 40,000
# matches of a common word at 100,000 posts takes seconds, 200 (twenty pages of ten) ~10 ms.
RANK_WINDOW = 200
# Visible matches counted at most (and reachable through pagination): 100 pages of ten.
COUNT_CAP = 1000
# For these statements only (SET LOCAL: to the end of the transaction). EXPLAIN ANALYZE at
# 100,000 posts: the planner started parallel workers for the candidates and the count
# (10-40 ms to launch, more on a loaded machine) and JIT-compiled the candidates (16 ms)
# because the index function's declared cost inflates the estimates; both plans read a few
# hundred rows. Serial, without JIT: `sunscreen spf` 185 -> 60 ms, `retinol` 120 -> 48 ms.
PLANNER_SETTINGS = "SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)"
# search/migrations/0002_search_document.py: title || body, costed so the GIN index is used.
SEARCH_DOCUMENT = "skincare_search_document"


def ranked_rows(
    model, posts: QuerySet, compiler, backend, offset: int, limit: int, autocomplete: bool
) -> tuple[list[int], int, bool]:
    """(object ids of the page, count, whether the count is exact) for `compiler`'s query
    over the index entries (`model`) of the visible `posts`."""
    weights = compiler.sql_weights
    config = backend.autocomplete_config if autocomplete else backend.config
    tsquery = compiler.build_tsquery(compiler.query, config=config)
    if autocomplete:
        rank = SearchRank(F("autocomplete"), tsquery, weights=weights)
    else:
        rank = SearchRank(F("title"), tsquery, weights=weights) * F("title_norm") + SearchRank(
            F("body"), tsquery, weights=weights
        )
    visible = Exists(posts.order_by().filter(pk=Cast(OuterRef("object_id"), BigIntegerField())))
    content_types = get_descendants_content_types_pks(posts.model)
    entries = model.objects.filter(visible, content_type_id__in=content_types)
    connection = connections[model.objects.db]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(PLANNER_SETTINGS)
        rows = _page(cursor, connection, entries, tsquery, rank, offset, limit, autocomplete)
        if rows:
            found = rows[0][1]
        elif offset:  # past the end: how far the pages go
            found = _matches(entries, tsquery, autocomplete).values("id")[: COUNT_CAP + 1].count()
        else:
            found = 0
    return [int(object_id) for object_id, _ in rows], min(found, COUNT_CAP), found <= COUNT_CAP


def _page(cursor, connection, entries, tsquery, rank, offset, limit, autocomplete) -> list:
    """(object id, matches counted) rows of the page. Candidates are fetched up to the end
    of the chunk holding the page's last row (a first page larger than a chunk, the API's
    capped matches for another ordering, spans several); when fewer came back they are all
    the matches, else the matches are counted up to COUNT_CAP + 1 (an InitPlan in a CASE:
    PostgreSQL runs it only on that branch)."""
    chunk_start = offset // RANK_WINDOW * RANK_WINDOW
    end = min(COUNT_CAP, -(-(offset + limit) // RANK_WINDOW) * RANK_WINDOW)
    if offset >= end:
        return []
    candidates = _candidates(entries, tsquery, end, autocomplete)
    candidates_sql, candidates_params = candidates.query.sql_with_params()
    counted = _matches(entries, tsquery, autocomplete).values("id")[: COUNT_CAP + 1]
    count_sql, count_params = counted.query.sql_with_params()
    scored = entries.model.objects.annotate(score=rank).query
    score_sql, score_params = scored.get_compiler(connection=connection).compile(
        scored.annotations["score"]
    )
    table = connection.ops.quote_name(entries.model._meta.db_table)
    cursor.execute(
        # Django has no subquery in FROM: compiled querysets, values as parameters.
        f"SELECT {table}.object_id, CASE WHEN positioned.fetched < %s THEN positioned.fetched"  # noqa: S608 - compiled SQL, values as parameters
        f" ELSE (SELECT COUNT(*) FROM ({count_sql}) counted) END FROM ("
        " SELECT ranked.id, ROW_NUMBER() OVER (ORDER BY ranked.in_title DESC, ranked.id DESC)"
        " - 1 AS position, COUNT(*) OVER () AS fetched"
        f" FROM ({candidates_sql}) ranked) positioned"
        f" JOIN {table} ON {table}.id = positioned.id WHERE positioned.position >= %s"
        f" ORDER BY positioned.position / %s, {score_sql} DESC, {table}.id DESC"
        " LIMIT %s OFFSET %s",
        (end, *count_params, *candidates_params, chunk_start, RANK_WINDOW, *score_params,
         limit, offset - chunk_start),
    )  # fmt: skip
    return cursor.fetchall()


def _matches(entries: QuerySet, tsquery, autocomplete: bool) -> QuerySet:
    if autocomplete:
        return entries.filter(autocomplete=tsquery)
    # Matched on title || body, so words of one query may sit in either, through the
    # function the search app's migration 0002 indexes (the planner then uses the index).
    document = Func(
        F("title"), F("body"), function=SEARCH_DOCUMENT, output_field=SearchVectorField()
    )
    return entries.annotate(document=document).filter(document=tsquery)


def _candidates(entries: QuerySet, tsquery, end: int, autocomplete: bool) -> QuerySet:
    """The first `end` matches worth ranking: title matches, newest first, then the rest."""
    newest = ("-id",)
    if autocomplete:  # titles are what the autocomplete vector holds: one branch
        return (
            _matches(entries, tsquery, True)
            .annotate(in_title=Value(True, output_field=BooleanField()))
            .values("id", "in_title")
            .order_by(*newest)[:end]
        )
    in_title = (
        entries.filter(title=tsquery)
        .annotate(in_title=Value(True, output_field=BooleanField()))
        .values("id", "in_title")
        .order_by(*newest)[:end]
    )
    elsewhere = (
        _matches(entries, tsquery, False)
        .exclude(title=tsquery)
        .annotate(in_title=Value(False, output_field=BooleanField()))
        .values("id", "in_title")
        .order_by(*newest)[:end]
    )
    return in_title.union(elsewhere, all=True).order_by("-in_title", "-id")[:end]
