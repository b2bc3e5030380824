"""PostgreSQL only: pg_trgm for spelling suggestions, a GIN index for title-and-body matches.

blog.search.ranking matches `title || body` of Wagtail's search index (wagtailsearch's
IndexEntry, modelsearch's model) so that words of one query may sit in either; without an index on that
expression PostgreSQL reads every entry. On SQLite both operations do nothing (FTS5 is the
index there, and suggestions use difflib).
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
INDEX = "site_search_title_body_gin"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin ((title || body))"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extension stays: other code (modelsearch's fuzzy search) may use it.
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields")
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
