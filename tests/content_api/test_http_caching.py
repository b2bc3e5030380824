"""HTTP caching for clients: validators, 304s, Cache-Control, gzip and CORS headers."""

from __future__ import annotations

import gzip
import json
from unittest import mock

from django.test import override_settings
from django.utils.http import http_date

from content_api.caching import current_generation

from .helpers import ApiTestCase, make_article, make_site

LIST = "/api/v1/articles"


class TestConditionalGet(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "post")

    def test_every_response_has_validators(self):
        for url in (
            LIST,
            f"/api/v1/articles/{self.page.pk}",
            "/api/v1/openapi.json",
            "/api/v1/nowhere",
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertTrue(response["ETag"].startswith('W/"'))
                self.assertTrue(response["Last-Modified"].endswith("GMT"))

    def test_matching_if_none_match_gives_304(self):
        etag = self.client.get(LIST)["ETag"]
        response = self.client.get(LIST, HTTP_IF_NONE_MATCH=etag)
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response.content, b"")
        self.assertEqual(response["ETag"], etag)

    def test_stale_if_none_match_gives_200(self):
        response = self.client.get(LIST, HTTP_IF_NONE_MATCH='W/"something-else"')
        self.assertEqual(response.status_code, 200)

    def test_if_modified_since_gives_304_until_content_changes(self):
        last_modified = self.client.get(LIST)["Last-Modified"]
        self.assertEqual(
            self.client.get(LIST, HTTP_IF_MODIFIED_SINCE=last_modified).status_code, 304
        )
        later = current_generation().changed_at + 60
        with mock.patch("blog.representation.generation.time.time", return_value=later):
            make_article(self.index, "newer")
        response = self.client.get(LIST, HTTP_IF_MODIFIED_SINCE=last_modified)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(json.loads(response.content)["count"], 2)
        self.assertEqual(response["Last-Modified"], http_date(later))

    @override_settings(
        SKINCARE_API_MAX_AGE=11, SKINCARE_API_S_MAXAGE=22, SKINCARE_API_STALE_WHILE_REVALIDATE=33
    )
    def test_cache_control_comes_from_settings(self):
        response = self.client.get(LIST)
        self.assertEqual(
            response["Cache-Control"], "public, max-age=11, s-maxage=22, stale-while-revalidate=33"
        )
        self.assertIn("Accept-Encoding", response["Vary"])

    @override_settings(SKINCARE_API_GZIP_MIN_LENGTH=100)
    def test_gzip_for_clients_that_accept_it(self):
        response = self.client.get(LIST, HTTP_ACCEPT_ENCODING="gzip, br")
        self.assertEqual(response["Content-Encoding"], "gzip")
        self.assertEqual(json.loads(gzip.decompress(response.content))["count"], 1)
        self.assertNotIn("Content-Encoding", self.client.get(LIST))

    @override_settings(SKINCARE_API_GZIP_MIN_LENGTH=100_000)
    def test_small_responses_are_not_compressed(self):
        response = self.client.get(LIST, HTTP_ACCEPT_ENCODING="gzip")
        self.assertNotIn("Content-Encoding", response)


class TestCors(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    @override_settings(SKINCARE_API_CORS_ALLOWED_ORIGINS=["https://front.example"])
    def test_allowed_origin_gets_cors_headers(self):
        response = self.client.get(LIST, HTTP_ORIGIN="https://front.example")
        self.assertEqual(response["Access-Control-Allow-Origin"], "https://front.example")
        self.assertIn("ETag", response["Access-Control-Expose-Headers"])
        self.assertIn("Origin", response["Vary"])

    @override_settings(SKINCARE_API_CORS_ALLOWED_ORIGINS=["https://front.example"])
    def test_other_origins_get_none(self):
        response = self.client.get(LIST, HTTP_ORIGIN="https://evil.example")
        self.assertNotIn("Access-Control-Allow-Origin", response)

    @override_settings(SKINCARE_API_CORS_ALLOWED_ORIGINS=["https://front.example"])
    def test_preflight(self):
        response = self.client.options(
            LIST,
            HTTP_ORIGIN="https://front.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        )
        # django-cors-headers answers 200; any 2xx is an "ok status" for a preflight (Fetch).
        self.assertIn(response.status_code, (200, 204))
        self.assertIn("GET", response["Access-Control-Allow-Methods"])
        self.assertIn("If-None-Match", response["Access-Control-Allow-Headers"])
        self.assertNotIn("Access-Control-Allow-Credentials", response)

    @override_settings(SKINCARE_API_CORS_ALLOWED_ORIGINS=["https://front.example"])
    def test_cache_hits_carry_cors_headers(self):
        # The second request is answered by CachedApiMiddleware, before the view runs.
        self.client.get(LIST)
        with self.assertNumQueries(0):
            response = self.client.get(LIST, HTTP_ORIGIN="https://front.example")
        self.assertEqual(response["Access-Control-Allow-Origin"], "https://front.example")
        self.assertIn("ETag", response["Access-Control-Expose-Headers"])

    @override_settings(SKINCARE_API_CORS_ALLOWED_ORIGINS=["https://front.example"])
    def test_revalidations_carry_cors_headers(self):
        etag = self.client.get(LIST)["ETag"]
        response = self.client.get(
            LIST, HTTP_ORIGIN="https://front.example", HTTP_IF_NONE_MATCH=etag
        )
        self.assertEqual(response.status_code, 304)
        self.assertEqual(response["Access-Control-Allow-Origin"], "https://front.example")

    @override_settings(SKINCARE_API_CORS_ALLOWED_ORIGINS=["https://front.example"])
    def test_pages_outside_the_api_get_no_cors_headers(self):
        response = self.client.get("/admin/login/", HTTP_ORIGIN="https://front.example")
        self.assertNotIn("Access-Control-Allow-Origin", response)

    @override_settings(SKINCARE_API_CORS_ALLOWED_ORIGINS=["*"])
    def test_any_origin_when_the_allowlist_says_so(self):
        response = self.client.get(LIST, HTTP_ORIGIN="https://anywhere.example")
        self.assertIn(response["Access-Control-Allow-Origin"], ("*", "https://anywhere.example"))
