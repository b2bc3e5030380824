"""Search backend settings: the database backend by default, OpenSearch/Elasticsearch by URL."""

import json
import os
import subprocess
import sys

from django.test import SimpleTestCase

SHOW = (
    "import json, config.settings.base as s; print(json.dumps(s.WAGTAILSEARCH_BACKENDS['default']))"
)


def backend_settings(**env: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SKINCARE_SEARCH_")}
    done = subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "-c", SHOW],
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


class TestSearchBackendSettings(SimpleTestCase):
    def test_database_backend_with_english_stemming_by_default(self):
        self.assertEqual(
            backend_settings(),
            {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"},
        )

    def test_url_switches_to_opensearch_or_elasticsearch(self):
        found = backend_settings(
            SKINCARE_SEARCH_URL="https://search.internal:9200",
            SKINCARE_SEARCH_BACKEND="elasticsearch8",
        )
        self.assertEqual(found["BACKEND"], "wagtail.search.backends.elasticsearch8")
        self.assertEqual(found["URLS"], ["https://search.internal:9200"])
        self.assertEqual(found["INDEX"], "skincare")
