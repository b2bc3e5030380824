"""Query input the APIs must answer with a 4xx or an empty result, never a 500 or a guess."""

from __future__ import annotations

import json

from django.test import override_settings

from tests.content_api.helpers import ApiTestCase, api_json, make_article, make_site


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestQueryInput(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        make_article(cls.index, "quoted", title="Quoted serum", summary='A "quoted" serum.')

    def test_dates_must_be_full_dates(self):
        for value in ("0", "1700000000", "2026-1-2", "20260102", "2026-02-30", "yesterday"):
            for name in ("published_before", "published_after"):
                with self.subTest(name=name, value=value):
                    response = self.client.get(f"/api/v1/articles?{name}={value}")
                    self.assertEqual(response.status_code, 400)
                    self.assertEqual(response["Content-Type"], "application/problem+json")
                    body = json.loads(response.content)
                    self.assertEqual([p["name"] for p in body["invalid_params"]], [name])

    def test_full_dates_still_filter(self):
        data = api_json(self.client, "/api/v1/articles?published_after=2000-01-01")
        self.assertEqual([card["slug"] for card in data["results"]], ["quoted"])

    def test_schema_says_date(self):
        schema = api_json(self.client, "/api/v1/openapi.json")
        params = schema["paths"]["/api/v1/articles"]["get"]["parameters"]
        before = next(p for p in params if p["name"] == "published_before")["schema"]
        self.assertIn({"type": "string", "format": "date"}, before.get("anyOf", [before]))

    def test_wagtail_v2_search_with_quotes_or_control_characters(self):
        for query in ('"', '"quoted', "serum\x00", "'", "AND", "("):
            for url in ("/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"):
                with self.subTest(url=url, query=query):
                    response = self.client.get(url, {"search": query})
                    self.assertEqual(response.status_code, 200)
        data = api_json(self.client, '/api/v2/pages/?search="quoted')
        self.assertEqual([item["meta"]["slug"] for item in data["items"]], ["quoted"])
