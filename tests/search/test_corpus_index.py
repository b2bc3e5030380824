"""The benchmark's bulk search index writes what Wagtail's own indexing writes."""

from unittest import skipUnless

from django.core.management import call_command
from django.db import connection
from django.db.models import TextField
from django.db.models.functions import Cast
from wagtail.test.utils import WagtailPageTestCase

from benchmarks.corpus_bulk import build_corpus
from blog.models import live_posts
from blog.search.ranking import ranked_post_ids
from tests.search.test_corpus_bulk import posts_in_index

QUERIES = ("microneedling", "collagen serum", "pen", "the", "nadia")  # the last: authors only


def index_rows(ids) -> list[tuple]:
    return list(
        posts_in_index(ids)
        .annotate(
            title_vector=Cast("title", TextField()),
            body_vector=Cast("body", TextField()),
            autocomplete_vector=Cast("autocomplete", TextField()),
        )
        .order_by("object_id")
        .values_list(
            "content_type_id",
            "object_id",
            "title_vector",
            "body_vector",
            "autocomplete_vector",
            "title_text",
            "body_text",
        )
    )


def rankings() -> dict[str, tuple]:
    ranked = {q: ranked_post_ids(live_posts(None), q, 0, 100) for q in QUERIES}
    return {q: (r.ids, r.count) for q, r in ranked.items()}


@skipUnless(connection.vendor == "postgresql", "the bulk index differs on PostgreSQL only")
class TestBulkIndex(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ids = build_corpus(30)["ids"]

    def test_rows_and_results_equal_wagtails_own_indexing(self):
        # Title norms (average title length / the entry's) are left out of the rows: both
        # ways compute them over the entries present at the time, which differ (Wagtail's
        # after each batch of each model, ours once at the end).
        bulk_rows, bulk_rankings = index_rows(self.ids), rankings()
        self.assertEqual(len(bulk_rows), 30)
        self.assertTrue(all(count for _ids, count in list(bulk_rankings.values())[:3]))
        call_command("update_index", verbosity=0)
        self.assertEqual(index_rows(self.ids), bulk_rows)
        self.assertEqual(rankings(), bulk_rankings)
