"""What the server cache holds for a response: compressible bodies only in their gzip form."""

from __future__ import annotations

import gzip
import json

from django.test import override_settings

from blog.representation.generation import generation_cache
from content_api.caching import Entry, _entry_key

from .helpers import ApiTestCase, make_article, make_site

LIST = "/api/v1/articles"


def stored_entry(client, url: str) -> Entry:
    request = client.get(url).wsgi_request
    return generation_cache().get(_entry_key(request))


@override_settings(SKINCARE_API_GZIP_MIN_LENGTH=100)
class TestStoredEntries(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        make_article(cls.index, "post")

    def test_compressible_body_is_stored_once_in_gzip_form(self):
        first = self.client.get(LIST)  # a miss, answered from the response just built
        entry = stored_entry(self.client, LIST)
        self.assertEqual(entry.body, b"")
        self.assertEqual(gzip.decompress(entry.gzipped), first.content)

    def test_hits_give_each_client_the_same_content(self):
        miss = self.client.get(LIST)
        identity = self.client.get(LIST)
        gzipped = self.client.get(LIST, HTTP_ACCEPT_ENCODING="gzip")
        self.assertNotIn("Content-Encoding", identity)
        self.assertEqual(identity.content, miss.content)
        self.assertEqual(identity["Content-Length"], str(len(miss.content)))
        self.assertEqual(gzipped["Content-Encoding"], "gzip")
        self.assertEqual(gzip.decompress(gzipped.content), miss.content)
        self.assertEqual(identity["ETag"], gzipped["ETag"])
        self.assertEqual(json.loads(identity.content)["count"], 1)

    @override_settings(SKINCARE_API_GZIP_MIN_LENGTH=10**9)
    def test_short_body_is_stored_as_it_is(self):
        first = self.client.get(LIST)
        entry = stored_entry(self.client, LIST)
        self.assertIsNone(entry.gzipped)
        self.assertEqual(entry.body, first.content)
