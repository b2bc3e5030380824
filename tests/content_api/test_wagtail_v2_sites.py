"""Wagtail's API v2 answers for the request's own Site only: ?site= cannot reach another."""

from __future__ import annotations

from .helpers import ApiTestCase, api_json, make_article, make_other_site, make_site


class TestWagtailApiV2Sites(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        make_article(cls.index, "ours")
        _other_home, other_index = make_other_site("other.example")
        cls.theirs = make_article(other_index, "theirs")

    def slugs(self, url: str, host: str = "localhost") -> set[str]:
        data = api_json(self.client, url, HTTP_HOST=host)
        return {item["meta"]["slug"] for item in data["items"]}

    def test_each_host_lists_its_own_pages(self):
        self.assertIn("ours", self.slugs("/api/v2/pages/"))
        self.assertNotIn("theirs", self.slugs("/api/v2/pages/"))
        self.assertIn("theirs", self.slugs("/api/v2/pages/", "other.example"))

    def test_site_naming_another_site_is_refused(self):
        urls = (
            "/api/v2/pages/?site=other.example",
            "/api/v2/pages/?site=other.example:80",
            f"/api/v2/pages/{self.theirs.pk}/?site=other.example",
            "/api/v2/pages/?site=nowhere.example",
        )
        for url in urls:
            with self.subTest(url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 400, response.content[:300])
                self.assertNotIn(b"theirs", response.content)

    def test_site_naming_its_own_site_still_works(self):
        self.assertIn("ours", self.slugs("/api/v2/pages/?site=localhost"))
