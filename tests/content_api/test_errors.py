"""Bad input gets 400 problem+json naming what is valid; missing content gets 404."""

from __future__ import annotations

import json

from .helpers import ApiTestCase, make_article, make_site


class TestProblems(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "post")

    def problem(self, url: str, status: int) -> dict:
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        self.assertIn("ETag", response)
        self.assertIn("Last-Modified", response)
        body = json.loads(response.content)
        self.assertEqual(body["status"], status)
        return body

    def test_unknown_parameter_names_the_valid_ones(self):
        body = self.problem("/api/v1/articles?colour=red", 400)
        self.assertEqual(
            body["invalid_params"],
            [{"name": "colour", "reason": "Not a parameter of this endpoint."}],
        )
        self.assertIn("tag", body["valid_params"])
        self.assertIn("limit", body["valid_params"])

    def test_invalid_values(self):
        cases = {
            "/api/v1/articles?limit=0": "limit",
            "/api/v1/articles?limit=101": "limit",
            "/api/v1/articles?offset=-1": "offset",
            "/api/v1/articles?ordering=newest": "ordering",
            "/api/v1/articles?type=podcast": "type",
            "/api/v1/articles?published_after=yesterday": "published_after",
            "/api/v1/articles?tag_match=some": "tag_match",
            "/api/v1/reviews?category=toaster": "category",
            "/api/v1/search": "q",
            "/api/v1/articles/not-a-number": "id",
        }
        for url, name in cases.items():
            with self.subTest(url=url):
                body = self.problem(url, 400)
                self.assertEqual([p["name"] for p in body["invalid_params"]], [name])

    def test_parameters_on_detail_endpoints_are_rejected(self):
        body = self.problem(f"/api/v1/articles/{self.page.pk}?fields=title", 400)
        self.assertEqual(body["valid_params"], [])

    def test_missing_content_and_endpoints_are_404(self):
        for url in (
            "/api/v1/articles/999999",
            "/api/v1/articles/by-slug/nope",
            "/api/v1/authors/nobody",
            "/api/v1/nowhere",
        ):
            with self.subTest(url=url):
                self.problem(url, 404)

    def test_writes_are_not_allowed(self):
        response = self.client.post("/api/v1/articles", {})
        self.assertEqual(response.status_code, 405)
