"""PostgreSQL's early-stopping shape (blog.search.postgresql): title matches first, ranked in
fixed chunks so pages never overlap, hidden posts left out of both candidate branches, and a
count that stops at a cap the site and the API both show as such."""

from datetime import timedelta
from unittest import mock, skipUnless

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from blog.models import live_posts
from blog.search.ranking import ranked_post_ids
from tests.factories import make_article, make_site

from .helpers import api_search, make_hidden_posts, make_posts, site_titles

SMALL = {"RANK_WINDOW": 4, "COUNT_CAP": 8}


def small_windows(**more):
    """Chunks of four and a count cap of eight, so a dozen posts cross both."""
    return mock.patch.multiple("blog.search.postgresql", **SMALL, **more)


@skipUnless(connection.vendor == "postgresql", "PostgreSQL's query shape")
@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestEarlyStoppingShape(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        # Six posts with the word in the title, six with it in the summary only (older).
        cls.body_only = [
            make_article(cls.index, f"body-{n}", title=f"Note {n}", summary="About peptide use.")
            for n in range(6)
        ]
        cls.in_title = make_posts(cls.index, 6, word="peptide")
        make_hidden_posts(cls.index, word="peptide")
        # Hidden posts matching in the body only: the second candidate branch.
        make_article(cls.index, "draft-body", summary="Peptide draft.", publish=False)
        expired = make_article(cls.index, "expired-body", summary="Peptide, expired.")
        expired.expire_at = timezone.now() - timedelta(hours=1)
        expired.save(update_fields=["expire_at"])

    def all_pages(self, posts, size: int) -> list[int]:
        ids: list[int] = []
        for offset in range(0, 20, size):
            ids += ranked_post_ids(posts, "peptide", offset, size).ids
        return ids

    def test_title_matches_come_first_and_pages_do_not_overlap(self):
        posts = live_posts(self.home.get_site())
        with small_windows():
            for size in (3, 4, 5):  # pages inside, on and across chunk boundaries
                with self.subTest(size=size):
                    ids = self.all_pages(posts, size)
                    self.assertEqual(len(ids), len(set(ids)))
                    self.assertEqual(len(ids), 8)  # the cap
                    self.assertEqual(set(ids[:6]), {post.pk for post in self.in_title})

    def test_every_visible_match_is_found_below_the_cap(self):
        ids = self.all_pages(live_posts(self.home.get_site()), 5)
        expected = {post.pk for post in [*self.in_title, *self.body_only]}
        self.assertEqual(set(ids), expected)
        self.assertEqual(len(ids), 12)

    def test_count_stops_at_the_cap_and_says_so(self):
        posts = live_posts(self.home.get_site())
        with small_windows():
            first = ranked_post_ids(posts, "peptide", 0, 3)
            past = ranked_post_ids(posts, "peptide", 8, 3)
            few = ranked_post_ids(posts, "peptide use", 0, 3)
        self.assertEqual((first.count, first.exact), (8, False))
        self.assertEqual((past.ids, past.count, past.exact), ([], 8, False))
        self.assertEqual((few.count, few.exact), (6, True))

    def test_site_and_api_show_a_capped_count(self):
        with small_windows():
            html = self.client.get("/search/", {"q": "peptide"}).content.decode()
            first = site_titles(self.client, "peptide")
            past_cap = site_titles(self.client, "peptide", 3)
            data = api_search(self.client, "peptide", limit=5, offset=5)
            exact = api_search(self.client, "peptide use")
        self.assertIn("8+ results", html)
        self.assertEqual(len(first), 8)  # ten a page, the cap at eight: one page
        self.assertEqual(past_cap, first)  # a page past the cap shows the last page
        self.assertEqual((data["count"], data["count_is_exact"]), (8, False))
        self.assertEqual(len(data["results"]), 3)
        self.assertIsNone(data["next"])
        self.assertEqual((exact["count"], exact["count_is_exact"]), (6, True))

    def test_article_lists_filtered_by_a_query_flag_the_capped_count_too(self):
        with small_windows():
            ranked = self.client.get("/api/v1/articles", {"q": "peptide", "limit": 5}).json()
            newest = self.client.get(
                "/api/v1/articles", {"q": "peptide", "ordering": "-published"}
            ).json()
            exact = self.client.get("/api/v1/articles", {"q": "peptide use"}).json()
            plain = self.client.get("/api/v1/articles").json()
        self.assertEqual((ranked["count"], ranked["count_is_exact"]), (8, False))
        self.assertEqual((newest["count"], newest["count_is_exact"]), (8, False))
        self.assertEqual((exact["count"], exact["count_is_exact"]), (6, True))
        self.assertTrue(plain["count_is_exact"])

    def test_hidden_posts_among_the_newest_matches_are_read_past(self):
        # The hidden posts are the newest title matches: with no slack the fast read of the
        # newest four finds too few visible ones and reads again, checking every match.
        posts = live_posts(self.home.get_site())
        with small_windows():
            expected = self.all_pages(posts, 4)
        with small_windows(FAST_SLACK=0):
            with CaptureQueriesContext(connection) as captured:
                first = ranked_post_ids(posts, "peptide", 0, 4)
            self.assertEqual(self.all_pages(posts, 4), expected)
        pages = [q["sql"] for q in captured.captured_queries if "LEFT JOIN" in q["sql"]]
        self.assertEqual(len(pages), 2)  # the fast read, then the full one
        self.assertEqual(first.ids, expected[:4])
        self.assertEqual(set(expected[:6]), {post.pk for post in self.in_title})
