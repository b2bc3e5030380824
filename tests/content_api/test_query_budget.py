"""Query budgets: lists run the same queries at any page size; details stay within budget."""

from __future__ import annotations

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from blog.representation.generation import bump_generation

from .helpers import (
    ApiTestCase,
    full_body,
    make_article,
    make_author,
    make_image,
    make_review,
    make_site,
)

LIST_BUDGET = 8
DETAIL_BUDGET = 10
# With the per-generation site scope cached (every request after the first since a change).
LIST_QUERIES = 6
# The page, byline, tags and renditions. Breadcrumb trails, rich-text page URLs, authors'
# sameAs links and the related posts' ranking are read once per content generation
# (blog.representation.generation.remembered), so a warm detail spends no query on them.
DETAIL_QUERIES = 4


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestQueryBudget(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        photos = [make_image(f"Portrait {i}", size=(200, 200)) for i in range(3)]
        heroes = [make_image(f"Hero {i}", size=(400, 225)) for i in range(4)]
        authors = [make_author(f"author-{i}", photo=photos[i], can_review=True) for i in range(3)]
        tags = ["collagen", "tools", "acne", "aftercare"]
        cls.pages = []
        for i in range(55):
            make = make_review if i % 5 == 0 else make_article
            cls.pages.append(
                make(
                    cls.index,
                    f"post-{i}",
                    authors=[authors[i % 3], authors[(i + 1) % 3]],
                    tags=[tags[i % 4], tags[(i + 1) % 4]],
                    hero_image=heroes[i % 4],
                )
            )
        cls.article = make_article(
            cls.index,
            "full",
            authors=authors[:2],
            tags=["collagen", "tools"],
            hero_image=heroes[0],
            medical_reviewer=authors[2],
            body=full_body(link_to=cls.pages[0].pk, image=heroes[1]),
        )
        cls.review = make_review(
            cls.index,
            "full-review",
            authors=authors[:2],
            tags=["tools"],
            hero_image=heroes[2],
            body=full_body(link_to=cls.pages[1].pk, image=heroes[3]),
            buy_links=[("Shop", "https://shop.example/")],
        )

    def count(self, url: str, *, cold_scope: bool = False) -> int:
        if cold_scope:
            bump_generation()
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, response.content[:300])
        return len(queries)

    def warm(self, *urls: str) -> None:
        # The first request makes missing renditions; budgets are about steady state.
        for url in urls:
            self.client.get(url)

    def test_list_runs_the_same_queries_at_limit_5_and_50(self):
        self.warm("/api/v1/articles?limit=100")
        with self.assertNumQueries(LIST_QUERIES):
            self.client.get("/api/v1/articles?limit=5")
        with self.assertNumQueries(LIST_QUERIES):
            self.client.get("/api/v1/articles?limit=50")

    def test_list_stays_in_budget_even_right_after_a_change(self):
        self.warm("/api/v1/articles?limit=100")
        small = self.count("/api/v1/articles?limit=5", cold_scope=True)
        large = self.count("/api/v1/articles?limit=50", cold_scope=True)
        self.assertEqual(small, large)
        self.assertLessEqual(large, LIST_BUDGET)

    def test_filtered_lists_are_constant_too(self):
        self.warm("/api/v1/articles?limit=100", "/api/v1/reviews?limit=100")
        for query in ("tag=tools&tag=acne&tag_match=any", "author=author-1", "type=review"):
            with self.subTest(query=query):
                small = self.count(f"/api/v1/articles?limit=5&{query}")
                large = self.count(f"/api/v1/articles?limit=50&{query}")
                self.assertEqual(small, large)
                self.assertLessEqual(large, LIST_BUDGET)
        self.assertEqual(
            self.count("/api/v1/reviews?limit=2"), self.count("/api/v1/reviews?limit=12")
        )

    def test_detail_within_budget(self):
        url = f"/api/v1/articles/{self.article.pk}"
        self.warm(url)
        with self.assertNumQueries(DETAIL_QUERIES):
            self.client.get(url)
        self.assertLessEqual(self.count(url, cold_scope=True), DETAIL_BUDGET)

    def test_review_detail_within_budget(self):
        url = f"/api/v1/reviews/{self.review.pk}"
        self.warm(url)
        self.assertLessEqual(self.count(url), DETAIL_BUDGET)
        self.assertLessEqual(self.count(url, cold_scope=True), DETAIL_BUDGET)

    def test_author_list_is_constant(self):
        self.warm("/api/v1/authors")
        self.assertEqual(
            self.count("/api/v1/authors?limit=1"), self.count("/api/v1/authors?limit=3")
        )
