"""Give live posts published with a blank date the date they first went out.

ArticlePage.save() now fills a blank published_date on publish; posts published before that
kept NULL and sorted as the oldest on SQLite (and the newest on PostgreSQL).
"""

from django.db import migrations
from django.utils import timezone


def fill_published_date(apps, schema_editor):
    ArticlePage = apps.get_model("blog", "ArticlePage")
    undated = ArticlePage.objects.filter(live=True, published_date__isnull=True)
    for pk, first, last in undated.values_list("pk", "first_published_at", "last_published_at"):
        moment = first or last or timezone.now()
        ArticlePage.objects.filter(pk=pk).update(published_date=timezone.localdate(moment))


class Migration(migrations.Migration):
    dependencies = [("blog", "0002_block_previews")]

    operations = [migrations.RunPython(fill_published_date, migrations.RunPython.noop)]
