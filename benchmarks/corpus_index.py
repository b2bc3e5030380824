"""Wagtail's search index rows for the bulk corpus, written a batch at a time on PostgreSQL.

modelsearch's PostgreSQL `add_items` (what `update_index` and `add_bulk` call) walks each
object's search fields once per column it fills (title, body, autocomplete and the two plain
texts: five walks, each rendering the StreamField body's searchable text, about 4 ms), then
compiles a Django expression per text, and after every batch recomputes the title norms over
the whole table: about 10 ms a post, over 15 minutes for 100,000 posts. Here each field is
walked once, the same vectors are written as plain SQL text (one INSERT per batch, as
modelsearch does) and the title norms are computed once at the end. tests/search/
test_corpus_index.py checks that the rows and the search results equal Wagtail's own.
Other backends (SQLite's FTS5) keep their own `add_bulk`.
"""

from __future__ import annotations

from django.db import connection
from django.utils.functional import cached_property

# psycopg sends at most 65,535 parameters a statement.
MAX_PARAMS = 60_000


def _indexer_class():
    # modelsearch's PostgreSQL module defines its models only on PostgreSQL.
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer

    class OnceIndexer(ObjectIndexer):
        """modelsearch's indexer, each search field's values computed once, vectors as SQL."""

        @cached_property
        def prepared(self) -> dict[int, list]:
            walk = super().prepare_field
            return {id(field): list(walk(self.obj, field)) for field in self.search_fields}

        def prepare_field(self, obj, field):
            if obj is self.obj and id(field) in self.prepared:
                return iter(self.prepared[id(field)])
            return super().prepare_field(obj, field)

        def as_vector(self, texts, for_autocomplete=False):
            """The SQL (and parameters) of what ObjectIndexer.as_vector builds: Django's
            SearchVector per text, `setweight(to_tsvector(config, COALESCE(text, '')), weight)`,
            joined with ||."""
            texts = [(text.strip(), weight) for text, weight in texts]
            texts = [(text, weight) for text, weight in texts if text]
            if not texts:
                return "to_tsvector(COALESCE(%s, ''))", [""]
            config = self.autocomplete_config if for_autocomplete else self.config
            if config:
                one = "setweight(to_tsvector(%s::regconfig, COALESCE(%s, '')), %s)"
                params = [p for text, weight in texts for p in (config, text, weight)]
            else:
                one = "setweight(to_tsvector(COALESCE(%s, '')), %s)"
                params = [p for text, weight in texts for p in (text, weight)]
            return " || ".join([one] * len(texts)), params

    return OnceIndexer


def _rows(backend, model, objs) -> list[tuple[str, list]]:
    from modelsearch.utils import get_content_type_pk

    indexer_class = _indexer_class()
    content_type = get_content_type_pk(model)
    rows = []
    for obj in objs:
        indexer = indexer_class(obj, backend)
        title, title_params = indexer.title
        autocomplete, autocomplete_params = indexer.autocomplete
        body, body_params = indexer.body
        rows.append(
            (
                f"(%s, %s, {title}, {autocomplete}, {body}, 1.0, %s, %s)",
                [
                    content_type,
                    indexer.id,
                    *title_params,
                    *autocomplete_params,
                    *body_params,
                    indexer.title_text,
                    indexer.body_text,
                ],
            )
        )
    return rows


def add_bulk(backend, model, objs: list) -> None:
    """Index `objs` (all of `model`) as `backend.add_bulk` would, in far less time on
    PostgreSQL; call `finish(backend)` after the last batch."""
    if connection.vendor != "postgresql" or not objs or not model.get_search_fields():
        backend.add_bulk(model, objs)
        return
    from blog.search.ranking import index_model

    table = index_model("IndexEntry")._meta.db_table
    rows = _rows(backend, model, objs)
    start = 0
    while start < len(rows):
        chunk, params = [], []
        while start < len(rows) and len(params) + len(rows[start][1]) <= MAX_PARAMS:
            chunk.append(rows[start][0])
            params.extend(rows[start][1])
            start += 1
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body,"  # noqa: S608 - SQL built here, values as parameters
                " title_norm, title_text, body_text)"
                f" VALUES {', '.join(chunk)}"
                " ON CONFLICT (content_type_id, object_id) DO UPDATE SET"
                " title = EXCLUDED.title, title_norm = 1.0,"
                " autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body,"
                " title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )


def finish(backend) -> None:
    """The title norms of the new entries (average title length / the entry's), which
    modelsearch recomputes after every batch; once here, over all of them."""
    if connection.vendor != "postgresql":
        return
    from modelsearch.backends.database.postgres.postgres import PostgresIndex

    PostgresIndex(backend)._refresh_title_norms()
