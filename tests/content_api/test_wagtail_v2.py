"""Wagtail's API v2 stays available for generic Wagtail front ends, with our api_fields."""

from __future__ import annotations

from wagtail.models import PageViewRestriction

from .helpers import (
    ApiTestCase,
    api_json,
    make_article,
    make_author,
    make_image,
    make_review,
    make_site,
)

FIELDS = "dek,summary,hero_image,authors,tags,reading_time,published_date,updated_date,body"


class TestWagtailApiV2(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.author = make_author("lena", name="Lena Hart")
        cls.ghost = make_author("ghost", live=False)
        cls.guide = make_article(cls.index, "guide")
        cls.page = make_article(
            cls.index,
            "post",
            authors=[cls.author, cls.ghost],
            tags=["tools"],
            hero_image=make_image("Hero"),
            body=[
                ("paragraph", f'<p>See <a linktype="page" id="{cls.guide.pk}">the guide</a>.</p>')
            ],
        )
        cls.review = make_review(cls.index, "pen", buy_links=[("Shop", "https://shop.example/")])
        cls.draft = make_article(cls.index, "draft", publish=False)
        cls.private = make_article(cls.index, "private")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.LOGIN
        )

    def test_pages_images_and_documents_are_mounted(self):
        for url in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_api_fields_with_rich_text_as_html(self):
        data = api_json(self.client, f"/api/v2/pages/{self.page.pk}/?fields={FIELDS}")
        self.assertEqual(data["body"][0]["type"], "paragraph")
        self.assertEqual(
            data["body"][0]["value"], '<p>See <a href="/blog/guide/">the guide</a>.</p>'
        )
        self.assertEqual([a["slug"] for a in data["authors"]], ["lena"])
        self.assertEqual(data["tags"], ["tools"])
        self.assertEqual(len(data["hero_image"]["renditions"]), 4)

    def test_review_fields(self):
        data = api_json(
            self.client, f"/api/v2/pages/{self.review.pk}/?fields=product_name,rating,buy_links"
        )
        self.assertEqual(data["product_name"], "Glide Pen")
        self.assertEqual(data["buy_links"][0]["retailer"], "Shop")

    def test_only_live_public_pages(self):
        data = api_json(self.client, "/api/v2/pages/?type=blog.ArticlePage&limit=20")
        slugs = {item["meta"]["slug"] for item in data["items"]}
        self.assertEqual(slugs, {"guide", "post", "pen"})
