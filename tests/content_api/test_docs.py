"""The interactive API docs work offline: Swagger's assets come from our static files."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders

from .helpers import ApiTestCase


class TestSwaggerDocs(ApiTestCase):
    def test_docs_load_swagger_from_our_static_files_not_a_cdn(self):
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
        self.assertTrue(assets, html)
        for asset in assets:
            with self.subTest(asset=asset):
                self.assertTrue(asset.startswith("/static/ninja/"), asset)
                # The file is there to serve (collectstatic or runserver finds it).
                self.assertIsNotNone(finders.find(asset.removeprefix("/static/")))
        self.assertNotIn("cdn.jsdelivr.net", html)
        self.assertNotIn("https://", html)
