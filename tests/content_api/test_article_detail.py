"""Article and review detail: typed blocks, links, anchors, related posts and JSON-LD."""

from __future__ import annotations

from datetime import date

from django.test import override_settings

from pages.content import table_of_contents

from .helpers import (
    ApiTestCase,
    api_json,
    full_body,
    make_article,
    make_author,
    make_image,
    make_review,
    make_site,
)


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestArticleDetail(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.maya = make_author(
            "maya", name="Maya Okafor", can_review=True, website="https://maya.example/"
        )
        cls.lena = make_author("lena", name="Lena Hart")
        cls.figure = make_image("Figure")
        cls.guide = make_article(cls.index, "guide", authors=[cls.lena], tags=["collagen"])
        cls.page = make_article(
            cls.index,
            "benefits",
            authors=[cls.lena],
            tags=["collagen", "tools"],
            medical_reviewer=cls.maya,
            last_reviewed=date(2026, 10, 1),
            body=full_body(link_to=cls.guide.pk, image=cls.figure),
            seo_title="Benefits | Skin Notes",
            search_description="Why it works.",
        )
        cls.review = make_review(
            cls.index,
            "pen",
            authors=[cls.lena],
            tags=["tools"],
            buy_links=[("Shop", "https://shop.example/pen")],
            needle_count=12,
        )

    def detail(self, path=None):
        return api_json(self.client, path or f"/api/v1/articles/{self.page.pk}")

    def test_detail_by_id_and_by_slug_are_the_same(self):
        self.assertEqual(self.detail(), self.detail("/api/v1/articles/by-slug/benefits"))

    def test_every_block_type_is_typed(self):
        types = [block["type"] for block in self.detail()["body"]]
        self.assertEqual(
            types,
            [
                "heading",
                "paragraph",
                "image",
                "heading",
                "quote",
                "callout",
                "benefits",
                "phases",
                "faq",
                "citations",
            ],
        )

    def test_paragraph_links_resolve_to_public_urls(self):
        paragraph = next(b for b in self.detail()["body"] if b["type"] == "paragraph")
        self.assertEqual(
            paragraph["html"],
            '<p>Read <a href="http://localhost/blog/guide/">a related guide</a> before you start.</p>',
        )

    def test_headings_have_level_and_the_sites_anchor(self):
        body = self.detail()["body"]
        headings = [(b["text"], b["level"], b["anchor"]) for b in body if b["type"] == "heading"]
        self.assertEqual(headings, [("How it works", 2, "how-it-works"), ("Details", 3, "details")])
        expected = {e.block_id: e.anchor for e in table_of_contents(self.page.body.raw_data)}
        for block in body:
            if block["type"] in ("heading", "benefits", "phases", "faq", "citations"):
                self.assertEqual(block["anchor"], expected[block["id"]])

    def test_benefits_have_positions_and_citation_numbers(self):
        benefits = next(b for b in self.detail()["body"] if b["type"] == "benefits")
        self.assertEqual(benefits["heading"], "Benefits")
        self.assertEqual(benefits["intro"], "<p>Why people do it.</p>")
        self.assertEqual(
            benefits["items"][0],
            {
                "position": 1,
                "title": "Firmer skin",
                "explanation": "<p>New collagen.</p>",
                "citations": [1],
            },
        )
        self.assertEqual(benefits["items"][1]["position"], 2)

    def test_phases_give_iso_8601_durations(self):
        phases = next(b for b in self.detail()["body"] if b["type"] == "phases")
        first, second = phases["items"]
        self.assertEqual((first["position"], first["start"], first["end"]), (1, "PT0H", "P3D"))
        self.assertEqual(first["label"], "straight away")
        self.assertEqual((second["start"], second["end"]), ("P3W", None))

    def test_citations_image_callout_faq(self):
        body = {b["type"]: b for b in self.detail()["body"]}
        self.assertEqual(
            body["citations"]["items"][0]["url"], "https://doi.org/10.1097/DSS.0000000000001248"
        )
        self.assertEqual(body["image"]["image"]["alt"], "A roller")
        self.assertEqual(body["image"]["image"]["renditions"][0]["spec"], "width-320")
        self.assertEqual(body["callout"]["kind"], "warning")
        self.assertEqual(
            body["faq"]["items"], [{"question": "Does it hurt?", "answer": "<p>A little.</p>"}]
        )

    def test_table_of_contents_reviewer_and_seo(self):
        data = self.detail()
        self.assertEqual(
            data["toc"][0], {"text": "How it works", "anchor": "how-it-works", "level": 2}
        )
        self.assertEqual(data["medical_reviewer"]["name"], "Maya Okafor")
        self.assertEqual(data["last_reviewed"], "2026-10-01")
        self.assertEqual(data["seo"]["title"], "Benefits | Skin Notes")
        self.assertEqual(data["seo"]["description"], "Why it works.")
        self.assertEqual(data["seo"]["canonical_url"], "http://localhost/blog/benefits/")

    def test_related_posts_match_the_site(self):
        related = [post["id"] for post in self.detail()["related"]]
        self.assertEqual(related, [p.pk for p in self.page.related_posts()])
        self.assertEqual(set(related), {self.guide.pk, self.review.pk})

    def test_review_detail_has_the_product(self):
        data = api_json(self.client, f"/api/v1/reviews/{self.review.pk}")
        product = data["product"]
        self.assertEqual(data["type"], "review")
        self.assertEqual(
            (product["name"], product["brand"], product["rating"]), ("Glide Pen", "Lumen", 4.5)
        )
        self.assertEqual(product["buy_links"][0]["rel"], "sponsored nofollow")
        self.assertTrue(product["disclosure"])
        self.assertIn(
            {"key": "needle_count", "label": "Needles", "value": "12", "unit": ""}, product["specs"]
        )
        self.assertEqual(product["price"], "89.00")

    def test_reviews_endpoint_does_not_serve_articles(self):
        response = self.client.get(f"/api/v1/reviews/{self.page.pk}")
        self.assertEqual(response.status_code, 404)

    def test_jsonld_graph_has_the_expected_nodes(self):
        graph = self.detail()["jsonld"]["@graph"]
        types = {node["@type"] for node in graph}
        self.assertLessEqual(
            {
                "Organization",
                "WebSite",
                "MedicalWebPage",
                "BlogPosting",
                "Person",
                "ItemList",
                "FAQPage",
            },
            types,
        )
        review_types = {
            n["@type"]
            for n in api_json(self.client, f"/api/v1/reviews/{self.review.pk}")["jsonld"]["@graph"]
        }
        self.assertLessEqual({"Review", "Product", "BlogPosting"}, review_types)
