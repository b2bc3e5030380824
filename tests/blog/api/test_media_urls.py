"""Image URLs in both APIs point where the media is served: the site's address or a CDN."""

from __future__ import annotations

from django.test import override_settings

from .helpers import ApiTestCase, api_json, make_article, make_image, make_site

SPECS = ["width-320", "width-640", "width-960", "width-1280"]


class TestRenditionUrlsAgree(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "post", hero_image=make_image("Hero"))

    def urls(self) -> tuple[dict, dict]:
        v1 = api_json(self.client, f"/api/v1/articles/{self.page.pk}")["hero_image"]
        v2 = api_json(self.client, f"/api/v2/pages/{self.page.pk}/?fields=hero_image")
        return (
            {r["width"]: r["url"] for r in v1["renditions"]},
            {r["width"]: r["url"] for r in v2["hero_image"]["renditions"]},
        )

    def test_v1_and_v2_give_the_same_absolute_urls(self):
        v1, v2 = self.urls()
        self.assertEqual(v1, v2)
        self.assertTrue(all(url.startswith("http://localhost/media/") for url in v2.values()))

    @override_settings(MEDIA_URL="https://cdn.example.com/skin/")
    def test_a_cdn_media_url_is_used_by_both(self):
        v1, v2 = self.urls()
        self.assertEqual(v1, v2)
        self.assertTrue(all(url.startswith("https://cdn.example.com/skin/") for url in v1.values()))
