"""Site search is a read: a GET never writes, so concurrent readers cannot lock the database."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.test.utils import WagtailPageTestCase

from pages.models import SiteSettings
from tests.factories import make_article, make_site

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class TestSearchWritesNothing(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        make_article(cls.index, "collagen", title="Collagen after forty")
        # Wagtail creates a site's settings row on its first page view (any page, once); that
        # one-off write is not the search's.
        SiteSettings.for_site(cls.home.get_site())

    def test_a_search_records_no_hit(self):
        for query in ("collagen", "zzzzqqq", "collagen"):
            with self.subTest(query=query):
                response = self.client.get("/search/", {"q": query})
                self.assertEqual(response.status_code, 200)
        self.assertEqual(Query.objects.count(), 0)
        self.assertEqual(QueryDailyHits.objects.count(), 0)

    def test_no_write_statement_runs(self):
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as queries:
            self.client.get("/search/", {"q": "collagen", "page": "2"})
        writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
        self.assertEqual(writes, [])
