"""PostgreSQL only: match title and body through a function the planner knows is costly.

`title || body @@ query` reads both vectors of every row it is evaluated on (the body's is
TOASTed), yet PostgreSQL costs `||` as one cheap operator, so for a common word it scanned
the whole table rather than the GIN index: EXPLAIN ANALYZE of `microneedling` (4,126 of
10,000 posts) 683 ms as a sequential scan, 29 ms as a bitmap scan of the index. The same
concatenation in a PL/pgSQL function declared COST 10000 (never inlined, so the index and
the query name the same expression) makes the planner take the index. blog.search.ranking
calls it (SEARCH_DOCUMENT); the index on the bare `title || body` goes.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
FUNCTION = "skincare_search_document"
INDEX = "site_search_document_gin"
OLD_INDEX = "site_search_title_body_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}(title tsvector, body tsvector)"
        " RETURNS tsvector LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000"
        " AS $$ BEGIN RETURN title || body; END $$"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin ({FUNCTION}(title, body))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON {TABLE} USING gin ((title || body))"
    )
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(tsvector, tsvector)")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_postgres_search")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
