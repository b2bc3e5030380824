"""Image URLs in both APIs point where the media is served: the site's address or a CDN."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from .helpers import ApiTestCase, api_json, make_article, make_image, make_site

PRODUCTION = {
    "DJANGO_SECRET_KEY": "k3y-" + "x7Qp" * 15,
    "DJANGO_ALLOWED_HOSTS": "blog.example.com",
    "DATABASE_URL": "postgres://blog@db.internal:5432/blog",
    "REDIS_URL": "redis://cache.internal:6379/1",
}


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


class TestProductionMediaUrl(SimpleTestCase):
    """SKINCARE_MEDIA_URL (documented in README) sets MEDIA_URL for a CDN in production."""

    def media_url(self, **env: str) -> str:
        clean = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SKINCARE_"))
        }
        done = subprocess.run(
            [sys.executable, "-c", "import config.settings.production as s; print(s.MEDIA_URL)"],
            cwd=settings.BASE_DIR,
            env={**clean, **PRODUCTION, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def test_default_is_local_media(self):
        self.assertEqual(self.media_url(), "/media/")

    def test_cdn_base_url(self):
        for value in ("https://cdn.example.com/skin", "https://cdn.example.com/skin/"):
            with self.subTest(value=value):
                self.assertEqual(
                    self.media_url(SKINCARE_MEDIA_URL=value), "https://cdn.example.com/skin/"
                )
