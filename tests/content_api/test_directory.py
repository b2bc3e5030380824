"""Authors, tags, search, autocomplete, site info and the feeds it points at."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree

from django.test import override_settings

from pages.models import SiteSettings
from tests.factories import make_dermatologist

from .helpers import (
    ApiTestCase,
    api_json,
    make_article,
    make_author,
    make_review,
    make_site,
)


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestDirectory(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.maya = make_dermatologist(bio="<p>Treats <b>acne</b> scarring.</p>")
        cls.maya.expertise.set(["acne", "procedures"])
        cls.maya.save()
        cls.lena = make_author("lena", name="Lena Hart")
        cls.rollers = make_article(
            cls.index,
            "rollers",
            title="Derma rollers explained",
            authors=[cls.maya],
            tags=["tools", "collagen"],
            published_date=date(2026, 2, 1),
        )
        cls.healing = make_article(
            cls.index,
            "healing",
            title="How skin heals",
            authors=[cls.lena],
            tags=["collagen"],
            medical_reviewer=cls.maya,
            published_date=date(2026, 3, 1),
        )
        cls.review = make_review(
            cls.index, "pen", title="Glide pen review", authors=[cls.lena], tags=["tools"]
        )
        SiteSettings.objects.update_or_create(
            site=cls.home.get_site(), defaults={"tagline": "Skin care, explained"}
        )

    def test_authors_list(self):
        data = api_json(self.client, "/api/v1/authors")
        self.assertEqual([a["slug"] for a in data["results"]], ["lena", "maya"])
        maya = data["results"][1]
        self.assertEqual((maya["post_count"], maya["can_review"]), (1, True))
        self.assertEqual(maya["expertise"], ["acne", "procedures"])
        reviewers = api_json(self.client, "/api/v1/authors?can_review=true")["results"]
        self.assertEqual([a["slug"] for a in reviewers], ["maya"])

    def test_author_detail_has_latest_and_reviewed_posts(self):
        data = api_json(self.client, "/api/v1/authors/maya")
        self.assertEqual(data["bio"], "<p>Treats <b>acne</b> scarring.</p>")
        self.assertEqual(data["same_as"], ["https://maya.example/"])
        self.assertEqual([p["slug"] for p in data["latest_posts"]], ["rollers"])
        self.assertEqual([p["slug"] for p in data["reviewed_posts"]], ["healing"])
        self.assertEqual(data["url"], "http://localhost/blog/authors/maya/")

    def test_tags_with_counts(self):
        data = api_json(self.client, "/api/v1/tags")
        counts = {t["slug"]: t["count"] for t in data["results"]}
        self.assertEqual(counts, {"collagen": 2, "tools": 2})
        self.assertEqual(data["results"][0]["url"], "http://localhost/blog/?tag=collagen")

    def test_search(self):
        data = api_json(self.client, "/api/v1/search?q=rollers")
        self.assertEqual([p["slug"] for p in data["results"]], ["rollers"])
        self.assertEqual(data["query"], "rollers")
        data = api_json(self.client, "/api/v1/search?q=Maya")
        self.assertEqual([a["slug"] for a in data["authors"]], ["maya"])

    def test_search_filters(self):
        cases = [
            ("q=review&type=review", ["pen"]),
            ("q=explained&tag=tools", ["rollers"]),
            ("q=explained&tag=collagen&tag=tools", ["rollers"]),
            ("q=explained&type=review", []),
        ]
        for query, expected in cases:
            with self.subTest(query=query):
                data = api_json(self.client, f"/api/v1/search?{query}")
                self.assertEqual([p["slug"] for p in data["results"]], expected)

    def test_autocomplete(self):
        data = api_json(self.client, "/api/v1/search/autocomplete?q=derm")
        self.assertEqual([s["title"] for s in data["results"]], ["Derma rollers explained"])
        self.assertEqual(data["results"][0]["url"], "http://localhost/blog/rollers/")

    def test_site_info_points_at_real_feeds(self):
        data = api_json(self.client, "/api/v1/site")
        self.assertEqual((data["name"], data["tagline"]), ("Home", "Skin care, explained"))
        self.assertEqual(data["base_url"], "http://localhost")
        self.assertEqual(data["blog_url"], "http://localhost/blog/")
        self.assertEqual(
            data["feeds"],
            {"rss": "http://localhost/feeds/rss/", "atom": "http://localhost/feeds/atom/"},
        )
        for url in data["feeds"].values():
            response = self.client.get(url.replace("http://localhost", ""))
            self.assertEqual(response.status_code, 200)
        self.assertEqual(self.client.get(data["api"]["openapi"]).status_code, 200)


class TestFeeds(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        author = make_author("lena", name="Lena Hart")
        make_article(
            cls.index,
            "live-post",
            title="Live post",
            authors=[author],
            tags=["tools"],
            summary="Short.",
        )
        make_article(cls.index, "draft-post", title="Draft post", publish=False)

    def test_rss_lists_live_posts_with_authors_and_tags(self):
        response = self.client.get("/feeds/rss/")
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        # Our own feed, just rendered: trusted input.
        channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314
        items = channel.findall("item")
        self.assertEqual([i.findtext("title") for i in items], ["Live post"])
        self.assertEqual(items[0].findtext("link"), "http://localhost/blog/live-post/")
        self.assertEqual(items[0].findtext("description"), "Short.")
        self.assertEqual(items[0].findtext("category"), "tools")

    def test_atom_feed(self):
        response = self.client.get("/feeds/atom/")
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertIn(b"Live post", response.content)
        self.assertNotIn(b"Draft post", response.content)
        self.assertIn(b"<name>Lena Hart</name>", response.content)
