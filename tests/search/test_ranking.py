"""Site search and /api/v1/search: the same visible posts, ranked in the database, paginated,
in a number of queries that does not grow with the number of matches."""

from unittest import mock, skipUnless

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from blog.models import live_posts
from blog.search.ranking import backend_kind, ranked_post_ids
from tests.factories import make_article, make_site

from .helpers import api_search, make_hidden_posts, make_posts, site_titles


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestSameResultsEverywhere(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.posts = make_posts(cls.index, 12)
        # The title is the strongest field: this one ranks first.
        make_article(cls.index, "best", title="Collagen collagen", summary="Collagen, again.")
        make_hidden_posts(cls.index)

    def test_site_and_api_list_the_same_posts_in_the_same_order(self):
        site = site_titles(self.client, "collagen") + site_titles(self.client, "collagen", 2)
        api = [hit["title"] for hit in api_search(self.client, "collagen", limit=20)["results"]]
        self.assertEqual(len(site), 13)
        self.assertEqual(site, api)
        self.assertEqual(site[0], "Collagen collagen")

    def test_hidden_posts_are_never_found(self):
        for query in ("draft collagen", "private collagen", "other site collagen"):
            with self.subTest(query=query):
                self.assertEqual(site_titles(self.client, query), [])
                self.assertEqual(api_search(self.client, query)["count"], 0)

    def test_counts_agree_and_pages_do_not_overlap(self):
        data = api_search(self.client, "collagen", limit=5, offset=10)
        self.assertEqual(data["count"], 13)
        self.assertEqual(len(data["results"]), 3)
        first = site_titles(self.client, "collagen")
        second = site_titles(self.client, "collagen", 2)
        self.assertEqual((len(first), len(second)), (10, 3))
        self.assertFalse(set(first) & set(second))

    def test_a_page_past_the_end_shows_the_last_page(self):
        self.assertEqual(
            site_titles(self.client, "collagen", 9), site_titles(self.client, "collagen", 2)
        )

    def test_other_orderings_of_the_list_endpoint_keep_the_matches(self):
        response = self.client.get("/api/v1/articles", {"q": "collagen", "ordering": "title"})
        titles = [card["title"] for card in response.json()["results"]]
        self.assertEqual(titles, sorted(titles))
        self.assertEqual(response.json()["count"], 13)

    def test_ranked_ids_respect_the_queryset(self):
        ranked = ranked_post_ids(live_posts(self.home.get_site()), "collagen note", 0, 50)
        self.assertEqual(ranked.count, 12)
        self.assertEqual(set(ranked.ids), {post.pk for post in self.posts})


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestQueryBudget(WagtailPageTestCase):
    """The queries of a search do not depend on how many posts match."""

    def setUp(self):
        self.home, self.index = make_site()

    def queries(self, url: str, params: dict) -> int:
        self.client.get(url, params)  # warm: site settings, generation, scope
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def test_site_search_queries_do_not_grow_with_matches(self):
        make_posts(self.index, 3)
        few = self.queries("/search/", {"q": "collagen"})
        make_posts(self.index, 25, start=3)
        many = self.queries("/search/", {"q": "collagen"})
        self.assertEqual(few, many)
        self.assertLessEqual(many, 12)

    def test_api_search_queries_do_not_grow_with_matches(self):
        make_posts(self.index, 3)
        few = self.queries("/api/v1/search", {"q": "collagen", "limit": 20})
        make_posts(self.index, 25, start=3)
        many = self.queries("/api/v1/search", {"q": "collagen", "limit": 20})
        self.assertEqual(few, many)
        self.assertLessEqual(many, 16)


class TestOtherBackends(WagtailPageTestCase):
    """A backend that ranks outside the database (here Wagtail's fallback, as a stand-in for
    Elasticsearch or OpenSearch) still only yields visible posts, paginated."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.posts = make_posts(cls.index, 4)
        make_hidden_posts(cls.index)

    @override_settings(
        WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database.fallback"}}
    )
    def test_keeps_visible_posts_only(self):
        self.assertEqual(backend_kind(), "other")
        posts = live_posts(self.home.get_site())
        ranked = ranked_post_ids(posts, "collagen", 0, 3)
        self.assertEqual(ranked.count, 4)
        rest = ranked_post_ids(posts, "collagen", 3, 3)
        self.assertEqual(set(ranked.ids + rest.ids), {post.pk for post in self.posts})


@skipUnless(connection.vendor == "postgresql", "the rank window is PostgreSQL's")
class TestRankWindow(WagtailPageTestCase):
    """When more posts match than PostgreSQL ranks, title matches come first."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.posts = make_posts(cls.index, 6, word="peptide")
        cls.body_only = [
            make_article(cls.index, f"body-{n}", title=f"Note {n}", summary="About peptide use.")
            for n in range(4)
        ]

    def test_window_keeps_title_matches_and_counts_everything(self):
        posts = live_posts(self.home.get_site())
        with mock.patch("blog.search.postgresql.RANK_WINDOW", 6):
            ranked = ranked_post_ids(posts, "peptide", 0, 6)
        self.assertEqual(ranked.count, 10)
        self.assertEqual(set(ranked.ids), {post.pk for post in self.posts})


@skipUnless(connection.vendor == "postgresql", "one query is PostgreSQL's shape")
class TestOneQueryOnPostgres(WagtailPageTestCase):
    """Ranked ids and the count come from one query at any number of matches (after the
    statement setting the planner's options for it); a page past the end costs one more
    (the count). Savepoints, the transaction those options live in, are not counted."""

    def setUp(self):
        self.home, self.index = make_site()

    def ranked(self, posts, offset: int):
        """ranked_post_ids(posts, "collagen", offset, 10) and the statements it ran."""
        with CaptureQueriesContext(connection) as captured:
            ranked = ranked_post_ids(posts, "collagen", offset, 10)
        sql = [q["sql"] for q in captured.captured_queries]
        return ranked, [s for s in sql if not s.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]

    def test_ranking_is_one_query_at_two_sizes(self):
        posts = live_posts(self.home.get_site())
        for total in (3, 30):
            make_posts(self.index, total - posts.count(), start=posts.count())
            ranked, sql = self.ranked(posts, 0)
            with self.subTest(total=total):
                self.assertEqual(len(sql), 2, sql)
                self.assertIn("set_config", sql[0])
                self.assertEqual((len(ranked.ids), ranked.count), (min(total, 10), total))
        ranked, sql = self.ranked(posts, 40)
        self.assertEqual(len(sql), 3, sql)
        self.assertEqual(ranked.count, 30)
