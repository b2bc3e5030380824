"""What the server cache holds for a response: each encoding with its final headers."""

from __future__ import annotations

import gzip
import json

from django.test import override_settings

from blog.representation.generation import generation_cache
from content_api.caching import Entry, _entry_keys

from .helpers import ApiTestCase, make_article, make_site

LIST = "/api/v1/articles"


def stored_entries(client, url: str) -> tuple[Entry, Entry]:
    request = client.get(url).wsgi_request
    identity_key, gzip_key = _entry_keys(request)
    found = generation_cache().get_many([identity_key, gzip_key])
    return found[identity_key], found[gzip_key]


@override_settings(SKINCARE_API_GZIP_MIN_LENGTH=100)
class TestStoredEntries(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        make_article(cls.index, "post")

    def test_compressible_body_is_stored_in_both_encodings(self):
        first = self.client.get(LIST)  # a miss, answered from the response just built
        identity, gzipped = stored_entries(self.client, LIST)
        self.assertEqual(identity.body, first.content)
        self.assertEqual(gzip.decompress(gzipped.body), first.content)

    def test_entries_hold_the_final_headers(self):
        first = self.client.get(LIST)
        identity, gzipped = stored_entries(self.client, LIST)
        self.assertEqual(identity.headers["Content-Length"], str(len(first.content)))
        self.assertNotIn("Content-Encoding", identity.headers)
        self.assertEqual(gzipped.headers["Content-Encoding"], "gzip")
        self.assertEqual(gzipped.headers["Content-Length"], str(len(gzipped.body)))
        for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Surrogate-Key"):
            with self.subTest(name=name):
                self.assertEqual(identity.headers[name], first[name])
                self.assertEqual(gzipped.headers[name], first[name])

    def test_hits_give_each_client_the_same_content(self):
        miss = self.client.get(LIST)
        identity = self.client.get(LIST)
        gzipped = self.client.get(LIST, HTTP_ACCEPT_ENCODING="gzip")
        self.assertNotIn("Content-Encoding", identity)
        self.assertEqual(identity.content, miss.content)
        self.assertEqual(identity["Content-Length"], str(len(miss.content)))
        self.assertEqual(gzipped["Content-Encoding"], "gzip")
        self.assertEqual(gzipped["Content-Length"], str(len(gzipped.content)))
        self.assertEqual(gzip.decompress(gzipped.content), miss.content)
        self.assertEqual(identity["ETag"], gzipped["ETag"])
        self.assertEqual(json.loads(identity.content)["count"], 1)

    def test_a_gzip_miss_stores_the_identity_entry_too(self):
        first = self.client.get(LIST, HTTP_ACCEPT_ENCODING="gzip")
        with self.assertNumQueries(0):
            identity = self.client.get(LIST)
        self.assertEqual(identity.content, gzip.decompress(first.content))
        self.assertNotIn("Content-Encoding", identity)

    def test_hit_headers_are_not_shared_between_responses(self):
        self.client.get(LIST)
        first = self.client.get(LIST)
        first["X-Changed"] = "by a middleware"
        self.assertNotIn("X-Changed", self.client.get(LIST))

    def test_a_cache_control_setting_change_is_not_answered_from_old_entries(self):
        self.client.get(LIST)
        with override_settings(SKINCARE_API_MAX_AGE=11):
            self.client.get(LIST)
            hit = self.client.get(LIST)
        self.assertIn("max-age=11,", hit["Cache-Control"])

    @override_settings(SKINCARE_API_GZIP_MIN_LENGTH=10**9)
    def test_short_body_is_stored_as_it_is_for_every_client(self):
        first = self.client.get(LIST)
        identity, gzipped = stored_entries(self.client, LIST)
        self.assertEqual(identity.body, first.content)
        self.assertEqual(gzipped, identity)
        self.assertNotIn("Content-Encoding", self.client.get(LIST, HTTP_ACCEPT_ENCODING="gzip"))
