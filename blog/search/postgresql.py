"""One page of ranked matches from PostgreSQL's search index, stopping early on common words.

At 100,000 posts a common word (`microneedling`) matches about 40,000 entries. The shape
before counted, visibility-checked and sorted every one of them (218-373 ms for the SQL
alone). Here no step reads more matches than the page needs:

- candidates: the visible title matches, newest first, then the visible other matches, newest
  first, cut at the end of the rank chunk the page falls in. Each branch takes its newest
  matches first (`ORDER BY id DESC LIMIT`: the planner walks the primary key backwards when
  the word is common, takes the GIN index and sorts when it is rare) and checks visibility
  on those only; when hidden posts crowded them out it reads again, checking every match;
- ranking: candidates are ranked (ts_rank, title weighted, as the backend ranks) within
  chunks of RANK_WINDOW, so every page of a query comes from one fixed order: page 1 ranks
  the first chunk, a deep page its own chunk;
- count: when fewer candidates came back than were asked for they are all the matches;
  otherwise the visible matches are counted up to COUNT_CAP (the count is then marked
  inexact, "1,000+"): pages reach as far as the count does.

All of it is one statement (two when the fast read missed, three for a page past the end),
run serial and without JIT.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Exists,
    Expression,
    F,
    Func,
    OuterRef,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks

# ts_rank reads each candidate's body vector (about 45 us an entry): ranking all 40,000
# matches of a common word at 100,000 posts takes seconds, 200 (twenty pages of ten) ~10 ms.
RANK_WINDOW = 200
# A fast branch picks its candidates among this many more newest matches than it needs,
# hidden ones included (and reads again, checking every match, when hidden ones crowded
# them out). Each is read (its body vector too) on a common word: keep it small.
FAST_SLACK = 50
# Visible matches counted at most (and reachable through pagination): 100 pages of ten.
COUNT_CAP = 1000
# For these statements only (SET LOCAL: to the end of the transaction). EXPLAIN ANALYZE at
# 100,000 posts: the planner started parallel workers for the candidates and the count
# (10-40 ms to launch, more on a loaded machine) and JIT-compiled the candidates (16 ms)
# because the index function's declared cost inflates the estimates; both plans read a few
# hundred rows. Serial, without JIT: `sunscreen spf` 185 -> 60 ms, `retinol` 120 -> 48 ms.
PLANNER_SETTINGS = (
    "SELECT set_config('max_parallel_workers_per_gather', '0', true),"
    " set_config('jit', 'off', true)"
)
# search/migrations/0002_search_document.py: title || body, costed so the GIN index is used.
SEARCH_DOCUMENT = "skincare_search_document"


def best_rows(model, posts: QuerySet, compiler, backend, limit: int) -> list[int]:
    """Object ids of the best `limit` matches among a few (author profiles): every match
    ranked in one plain query, nothing counted (the early-stopping page compiles five
    querysets: a third of a search request's Python at 10,000 posts went on authors)."""
    search = Search.of(model, posts, compiler, backend, False, once=True)
    best = search.matches(visible=True).annotate(score=search.rank).order_by("-score", "-id")
    return [int(pk) for pk in best.values_list("object_id", flat=True)[:limit]]


def ranked_rows(
    model, posts: QuerySet, compiler, backend, offset: int, limit: int, autocomplete: bool
) -> tuple[list[int], int, bool]:
    """(object ids of the page, count, whether the count is exact) for `compiler`'s query
    over the index entries (`model`) of the visible `posts`."""
    search = Search.of(model, posts, compiler, backend, autocomplete)
    connection = search.connection
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(PLANNER_SETTINGS)
        rows = search.page(cursor, offset, limit, fast=True)
        if rows is None:  # hidden posts among the newest matches: read all of them
            rows = search.page(cursor, offset, limit, fast=False)
        if rows:
            found = rows[0][1]
        elif offset:  # past the end: how far the pages go
            found = search.counted().count()
        else:
            found = 0
    return [int(row[0]) for row in rows], min(found, COUNT_CAP), found <= COUNT_CAP


@dataclass(frozen=True)
class Search:
    """One query's pieces: the index entries of the posts' models, the visibility check,
    the tsquery and the rank, compiled into one statement a page."""

    connection: BaseDatabaseWrapper
    indexed: QuerySet
    content_types: list[int]
    visible: Expression
    tsquery: SearchQuery
    rank: Expression
    autocomplete: bool

    @classmethod
    def of(
        cls, model, posts: QuerySet, compiler, backend, autocomplete: bool, once: bool = False
    ) -> Search:
        """`compiler`'s query over the index entries (`model`) of the visible `posts`
        (`once`: for one plain query, which needs no precompiled visibility check)."""
        weights = compiler.sql_weights
        config = backend.autocomplete_config if autocomplete else backend.config
        tsquery = compiler.build_tsquery(compiler.query, config=config)
        if autocomplete:
            rank = SearchRank(F("autocomplete"), tsquery, weights=weights)
        else:  # as the backend ranks: the title weighted by its length norm, plus the body
            rank = SearchRank(F("title"), tsquery, weights=weights) * F("title_norm") + SearchRank(
                F("body"), tsquery, weights=weights
            )
        connection = connections[model.objects.db]
        # Compiled once: a statement holds the check up to three times (a third of the
        # Python a search spent ranking was Django compiling these querysets).
        pk = Cast(OuterRef("object_id"), BigIntegerField())
        visible = Exists(posts.order_by().filter(pk=pk))
        if not once:
            outer = model.objects.all().query
            sql, params = outer.get_compiler(connection=connection).compile(
                visible.resolve_expression(outer)
            )
            visible = RawSQL(sql, params, output_field=BooleanField())  # noqa: S611 - compiled queryset, values as parameters
        content_types = get_descendants_content_types_pks(posts.model)
        indexed = model.objects.filter(content_type_id__in=content_types)
        return cls(connection, indexed, content_types, visible, tsquery, rank, autocomplete)

    def matches(self, *, visible: bool, in_title: bool | None = None) -> QuerySet:
        """Matching entries (visible ones only, if asked), of one candidate branch if asked:
        title matches, or the others."""
        entries = self.indexed.filter(self.visible) if visible else self.indexed
        if self.autocomplete:
            return entries.filter(autocomplete=self.tsquery)
        if in_title:
            return entries.filter(title=self.tsquery)
        # Matched on title || body, so words of one query may sit in either, through the
        # function the search app's migration 0002 indexes (the planner then uses the index).
        document = Func(
            F("title"), F("body"), function=SEARCH_DOCUMENT, output_field=SearchVectorField()
        )
        entries = entries.annotate(document=document).filter(document=self.tsquery)
        return entries if in_title is None else entries.exclude(title=self.tsquery)

    def counted(self) -> QuerySet:
        """The visible matches, up to one past COUNT_CAP, read from the GIN index alone:
        the content type is checked on each match read, not through its btree (which covers
        nearly every entry: a BitmapAnd with it read all of them, 5-10 ms at 100,000 posts)."""
        entries = self.indexed.model.objects.alias(any_type=F("content_type_id") + 0)
        entries = entries.filter(self.visible, any_type__in=self.content_types)
        search = dataclasses.replace(self, indexed=entries)
        return search.matches(visible=False).values("id")[: COUNT_CAP + 1]

    def branch(self, in_title: bool, end: int, fast: bool) -> tuple[QuerySet, tuple | None]:
        """The branch's `end` newest visible matches, and with `fast` the newest matches
        (`end` + FAST_SLACK, hidden ones included) they were picked from, compiled.

        `fast` checks visibility after the newest are picked: the planner misjudges how many
        entries match several words (`vitamin c`: 3,678 estimated, 12,487 found at 100,000
        posts) and then checked every one of them (55 ms) before sorting."""
        flag = Value(in_title, output_field=BooleanField())
        key = None if self.autocomplete else in_title
        if not fast:
            picked = self.matches(visible=True, in_title=key)
            return picked.annotate(in_title=flag).values("id", "in_title").order_by("-id")[
                :end
            ], None
        newest = self.matches(visible=False, in_title=key).order_by("-id").values("id")
        sql, params = self.compiled(newest[: end + FAST_SLACK])
        table = self.connection.ops.quote_name(self.indexed.model._meta.db_table)
        among = RawSQL(f"{table}.id IN ({sql})", params, BooleanField())  # noqa: S611 - compiled queryset
        picked = self.indexed.model.objects.filter(self.visible, among)
        page = picked.annotate(in_title=flag).values("id", "in_title").order_by("-id")[:end]
        return page, (sql, params)

    def page(self, cursor, offset: int, limit: int, fast: bool) -> list | None:
        """(object id, matches counted) rows of the page, or None when `fast` may have
        missed visible matches (hidden posts among the newest: read again, not fast).

        Candidates are fetched up to the end of the chunk holding the page's last row (a
        first page larger than a chunk, the API's capped matches for another ordering,
        spans several); when fewer came back they are all the matches, else the matches
        are counted up to COUNT_CAP + 1. Both checks are InitPlans inside CASE, which
        PostgreSQL runs only on the branch that reads them."""
        chunk_start = offset // RANK_WINDOW * RANK_WINDOW
        end = min(COUNT_CAP, -(-(offset + limit) // RANK_WINDOW) * RANK_WINDOW)
        if offset >= end:  # past the cap: nothing to read
            return []
        titles, newest_titles = self.branch(True, end, fast)
        candidates = titles
        newest_others = None
        if not self.autocomplete:  # the autocomplete vector holds titles: one branch
            others, newest_others = self.branch(False, end, fast)
            candidates = titles.union(others, all=True).order_by("-in_title", "-id")[:end]
        sql, params = self.compiled(candidates)
        count_sql, count_params = self.compiled(self.counted())
        missed, missed_params = "false", []
        if fast:
            missed, missed_params = self.missed(newest_titles, newest_others, end)
        score_sql, score_params = self.compiled_rank()
        table = self.connection.ops.quote_name(self.indexed.model._meta.db_table)
        cursor.execute(
            # Django has no subquery in FROM: compiled querysets, values as parameters. The
            # page is LEFT JOINed to one row so that an empty page still answers the checks.
            "SELECT page.object_id, CASE WHEN COALESCE(page.fetched, 0) < %s"  # noqa: S608 - compiled SQL, values as parameters
            f" THEN COALESCE(page.fetched, 0) ELSE (SELECT COUNT(*) FROM ({count_sql}) counted)"
            f" END, {missed} FROM (SELECT 1) one LEFT JOIN ("
            f" SELECT {table}.object_id, positioned.fetched, positioned.titled,"
            f" ROW_NUMBER() OVER (ORDER BY positioned.position / %s, {score_sql} DESC,"
            f" {table}.id DESC) AS n FROM ("
            " SELECT ranked.id, ROW_NUMBER() OVER (ORDER BY ranked.in_title DESC, ranked.id DESC)"
            " - 1 AS position, COUNT(*) OVER () AS fetched,"
            " COUNT(*) FILTER (WHERE ranked.in_title) OVER () AS titled"
            f" FROM ({sql}) ranked) positioned"
            f" JOIN {table} ON {table}.id = positioned.id WHERE positioned.position >= %s"
            " ORDER BY n LIMIT %s OFFSET %s) page ON true ORDER BY page.n",
            (end, *count_params, *missed_params, RANK_WINDOW, *score_params, *params,
             chunk_start, limit, offset - chunk_start),
        )  # fmt: skip
        rows = cursor.fetchall()
        if fast and rows[0][2]:
            return None  # hidden posts crowded the newest matches out
        if rows[0][0] is None:  # an empty page: past the end, or nothing matched
            return []
        return rows

    def missed(self, newest_titles, newest_others, end: int) -> tuple[str, list]:
        """SQL true when a fast branch found fewer visible candidates than it needed and
        its newest matches were all read: older visible ones may have been left out."""
        checks, params = [], []
        for fetched, newest in (("titled", newest_titles), ("fetched", newest_others)):
            if newest is not None:
                sql, newest_params = newest
                checks.append(
                    f"(COALESCE(page.{fetched}, 0) < %s AND (SELECT COUNT(*) FROM ({sql}) n) >= %s)"  # noqa: S608 - compiled SQL, values as parameters
                )
                params += [end, *newest_params, end + FAST_SLACK]
        return " OR ".join(checks), params

    def compiled(self, queryset: QuerySet) -> tuple[str, tuple]:
        return queryset.query.sql_with_params()

    def compiled_rank(self) -> tuple[str, tuple]:
        scored = self.indexed.model.objects.annotate(score=self.rank).query
        return scored.get_compiler(connection=self.connection).compile(scored.annotations["score"])
