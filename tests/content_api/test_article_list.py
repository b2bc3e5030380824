"""Article and review lists: cards, filters, search text and pagination."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from django.test import override_settings

from .helpers import (
    ApiTestCase,
    api_json,
    make_article,
    make_author,
    make_image,
    make_review,
    make_site,
)

CARD_KEYS = {
    "type",
    "id",
    "slug",
    "url",
    "api_url",
    "title",
    "dek",
    "summary",
    "hero_image",
    "authors",
    "tags",
    "reading_time",
    "word_count",
    "published",
    "updated",
    "first_published_at",
    "last_published_at",
}


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestArticleList(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.photo = make_image("Lena")
        cls.hero = make_image("Hero")
        cls.lena = make_author("lena", name="Lena Hart", photo=cls.photo, credentials="Esthetician")
        cls.maya = make_author("maya", name="Maya Okafor", can_review=True)
        cls.old = make_article(
            cls.index,
            "old-news",
            authors=[cls.maya],
            tags=["collagen"],
            published_date=date(2025, 1, 10),
        )
        cls.rollers = make_article(
            cls.index,
            "rollers",
            authors=[cls.lena],
            tags=["collagen", "tools"],
            hero_image=cls.hero,
            hero_alt="A derma roller",
            dek="Rolling, explained",
            summary="All about rollers.",
            published_date=date(2026, 3, 1),
        )
        cls.review = make_review(
            cls.index,
            "pen-review",
            authors=[cls.lena],
            tags=["tools"],
            published_date=date(2026, 5, 1),
        )

    def test_cards_carry_everything_a_card_needs(self):
        data = api_json(self.client, "/api/v1/articles")
        card = next(c for c in data["results"] if c["slug"] == "rollers")
        self.assertEqual(set(card), CARD_KEYS)
        self.assertEqual(card["url"], "http://localhost/blog/rollers/")
        self.assertEqual(card["hero_image"]["alt"], "A derma roller")
        self.assertEqual(
            [r["spec"] for r in card["hero_image"]["renditions"]],
            ["width-320", "width-640", "width-960", "width-1280"],
        )
        self.assertEqual(card["hero_image"]["renditions"][1]["width"], 640)
        author = card["authors"][0]
        self.assertEqual(author["name"], "Lena Hart")
        self.assertEqual(author["url"], "http://localhost/blog/authors/lena/")
        self.assertEqual(author["avatar"]["renditions"][0]["spec"], "fill-96x96")
        self.assertEqual(
            card["tags"],
            [{"name": "collagen", "slug": "collagen"}, {"name": "tools", "slug": "tools"}],
        )
        self.assertEqual(card["published"], "2026-03-01")

    def test_review_cards_add_product_and_rating(self):
        card = next(
            c for c in api_json(self.client, "/api/v1/articles")["results"] if c["type"] == "review"
        )
        self.assertEqual(card["product_name"], "Glide Pen")
        self.assertEqual(card["rating"], 4.5)
        self.assertEqual(card["rating_scale"], 5)
        self.assertEqual(card["api_url"], f"http://testserver/api/v1/reviews/{self.review.pk}")

    def test_newest_first_by_default(self):
        slugs = [c["slug"] for c in api_json(self.client, "/api/v1/articles")["results"]]
        self.assertEqual(slugs, ["pen-review", "rollers", "old-news"])

    def test_filters(self):
        cases = [
            ("tag=tools", ["pen-review", "rollers"]),
            ("tag=tools&tag=collagen", ["rollers"]),
            ("tag=tools&tag=collagen&tag_match=any", ["pen-review", "rollers", "old-news"]),
            ("author=maya", ["old-news"]),
            ("type=review", ["pen-review"]),
            ("type=article", ["rollers", "old-news"]),
            ("published_after=2026-01-01", ["pen-review", "rollers"]),
            ("published_before=2026-03-01", ["rollers", "old-news"]),
            ("ordering=title", ["old-news", "pen-review", "rollers"]),
            ("ordering=published", ["old-news", "rollers", "pen-review"]),
            ("tag=nothing-has-this", []),
        ]
        for query, expected in cases:
            with self.subTest(query=query):
                data = api_json(self.client, f"/api/v1/articles?{query}")
                self.assertEqual([c["slug"] for c in data["results"]], expected)
                self.assertEqual(data["count"], len(expected))

    def test_search_text_filter(self):
        data = api_json(self.client, "/api/v1/articles?q=rollers")
        self.assertEqual([c["slug"] for c in data["results"]], ["rollers"])

    def test_pagination_metadata_links_keep_filters(self):
        data = api_json(self.client, "/api/v1/articles?limit=1&offset=1&tag_match=any")
        self.assertEqual((data["count"], data["limit"], data["offset"]), (3, 1, 1))
        self.assertEqual(len(data["results"]), 1)
        next_query = parse_qs(urlsplit(data["next"]).query)
        self.assertEqual(next_query, {"limit": ["1"], "offset": ["2"], "tag_match": ["any"]})
        self.assertEqual(
            parse_qs(urlsplit(data["previous"]).query), {"limit": ["1"], "tag_match": ["any"]}
        )
        last = api_json(self.client, data["next"].replace("http://testserver", ""))
        self.assertIsNone(last["next"])

    def test_reviews_endpoint_lists_only_reviews(self):
        data = api_json(self.client, "/api/v1/reviews")
        self.assertEqual([c["slug"] for c in data["results"]], ["pen-review"])
        self.assertEqual(api_json(self.client, "/api/v1/reviews?category=serum")["count"], 0)
