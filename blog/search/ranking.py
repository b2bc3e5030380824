"""One page of matching post ids, ranked by the search backend in the database.

Wagtail's `queryset.search()` hands back model instances; on SQLite (modelsearch 1.3) it
also orders by a correlated subquery that runs the FTS5 MATCH again for every matching row,
which made a query at 10,000 posts run past a minute. Here the work goes the other way round:
the full-text index finds and ranks its entries, the visible posts come in as a subquery
(on PostgreSQL checked per match through the page's primary key, reading only as many
matches as the page needs: blog.search.postgresql), and only the page of ids asked for
leaves the database. Backends
other than the database ones (Elasticsearch, OpenSearch) rank and paginate themselves; the
visible posts among their best hits are kept (`_elsewhere`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks

from pages.searchquery import search_text

from ..conf import blog_setting
from .postgresql import best_rows, ranked_rows


@dataclass(frozen=True)
class RankedIds:
    """Ids of one page of results, best first, and how many results there are in all."""

    ids: list[int]
    count: int
    # False when more posts match than were counted: `count` is then the cap, and pages
    # reach only that far ("1,000+ results").
    exact: bool = True


NOTHING = RankedIds([], 0)


def visible_object_ids(posts: QuerySet) -> QuerySet:
    """The posts' ids as the index stores them (text), for `object_id IN (...)`."""
    return posts.order_by().annotate(object_id=Cast("pk", CharField())).values("object_id")


def index_model(name: str):
    """A model of Wagtail's search index (its app, wagtailsearch, holds modelsearch's models)."""
    return get_app_config().get_model(name)


def backend_kind() -> str:
    """'sqlite', 'postgresql' or 'other', from the configured default search backend."""
    module = type(get_search_backend()).__module__
    if module.endswith(".sqlite.sqlite"):
        return "sqlite"
    if module.endswith(".postgres.postgres"):
        return "postgresql"
    return "other"


def ranked_post_ids(
    posts: QuerySet, query: str, offset: int, limit: int, *, autocomplete: bool = False
) -> RankedIds:
    """Ids of the `posts` matching `query`, best first, from `offset`, at most `limit`.

    `posts` may be a queryset of any indexed model (authors too).
    `autocomplete` matches the last word as a prefix against the autocomplete fields
    (titles, product names), as Wagtail's `.autocomplete()` does.
    """
    text = search_text(query)
    if not text or limit <= 0:
        return NOTHING
    kind = backend_kind()
    if kind == "sqlite":
        return _sqlite(posts, text, offset, limit, autocomplete)
    if kind == "postgresql":
        return _postgresql(posts, text, offset, limit, autocomplete)
    return _elsewhere(posts, text, offset, limit, autocomplete)


def best_ids(queryset: QuerySet, query: str, limit: int) -> list[int]:
    """Ids of the best `limit` matches among a small set (author profiles), no count."""
    text = search_text(query)
    if not text or limit <= 0:
        return []
    if backend_kind() == "postgresql":
        backend, compiler = _compiler(queryset, text, False)
        return best_rows(index_model("IndexEntry"), queryset, compiler, backend, limit)
    return ranked_post_ids(queryset, text, 0, limit).ids


def _compiler(posts: QuerySet, text: str, autocomplete: bool):
    backend = get_search_backend()
    compiler_class = (
        backend.autocomplete_query_compiler_class if autocomplete else backend.query_compiler_class
    )
    return backend, compiler_class(posts, PlainText(text, operator="and"))


# The vendor modules of modelsearch define their models only on their own database, so they
# are imported when that database is the one in use.


def _sqlite(posts: QuerySet, text: str, offset: int, limit: int, autocomplete: bool) -> RankedIds:
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize

    _backend, compiler = _compiler(posts, text, autocomplete)
    search_query = compiler.build_search_query(normalize(compiler.query))
    # The backend's own rank: BM25 over title (times its length norm) and body.
    rank = compiler._build_rank_expression(compiler.get_search_vectors(), None)
    entries = (
        index_model("SQLiteFTSIndexEntry")
        .objects.filter(MatchExpression(compiler.FTS_TABLE_FIELDS, search_query))
        .filter(
            index_entry__content_type_id__in=get_descendants_content_types_pks(posts.model),
            index_entry__object_id__in=visible_object_ids(posts),
        )
    )
    count = entries.count()
    if offset >= count:
        return RankedIds([], count)
    # BM25 is negative in SQLite: lower is better; ties go to the newer entry.
    page = (
        entries.annotate(score=rank)
        .order_by("score", "-index_entry_id")
        .values_list("index_entry__object_id", flat=True)[offset : offset + limit]
    )
    return RankedIds([int(pk) for pk in page], count)


def _postgresql(
    posts: QuerySet, text: str, offset: int, limit: int, autocomplete: bool
) -> RankedIds:
    """The page from the index's candidates, ranked in chunks, counted up to a cap
    (blog.search.postgresql)."""
    backend, compiler = _compiler(posts, text, autocomplete)
    ids, count, exact = ranked_rows(
        index_model("IndexEntry"), posts, compiler, backend, offset, limit, autocomplete
    )
    return RankedIds(ids, count, exact)


def _elsewhere(
    posts: QuerySet, text: str, offset: int, limit: int, autocomplete: bool
) -> RankedIds:
    """Elasticsearch or OpenSearch: the engine ranks live posts (the one visibility filter
    its index holds), then the database keeps the visible ones of the best
    SKINCARE_BLOG_SEARCH_MAX_RESULTS, in rank order."""
    candidates = posts.model.objects.filter(live=True)
    found = candidates.autocomplete(text) if autocomplete else candidates.search(text)
    cap = blog_setting("SKINCARE_BLOG_SEARCH_MAX_RESULTS")
    best = [page.pk for page in found[:cap]]
    visible = set(posts.filter(pk__in=best).values_list("pk", flat=True))
    ids = [pk for pk in best if pk in visible]
    return RankedIds(ids[offset : offset + limit], len(ids), len(best) < cap)


def indexed_texts(model: type, ids: list[int]) -> dict[int, str]:
    """The index's plain text of each post (dek, summary, body, tags), for snippets.

    One query for the page of results; empty for backends that keep no text in the database
    (callers then cut the snippet from the summary).
    """
    kind = backend_kind()
    if not ids or kind == "other":
        return {}
    column = "body_text" if kind == "postgresql" else "body"
    rows = (
        index_model("IndexEntry")
        .objects.filter(
            content_type_id__in=get_descendants_content_types_pks(model),
            object_id__in=[str(pk) for pk in ids],
        )
        .values_list("object_id", column)
    )
    return {int(object_id): text or "" for object_id, text in rows}
