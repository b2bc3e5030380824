"""Production settings chosen by environment variables alone: static files, media storage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]

BASE_ENV = {
    "DJANGO_SECRET_KEY": "k3y-" + "x7Qp" * 15,
    "DJANGO_ALLOWED_HOSTS": "blog.example.com",
    "DATABASE_URL": "postgres://blog@db.internal:5432/blog",
    "REDIS_URL": "redis://cache.internal:6379/1",
}

# Runs in a fresh interpreter: settings are read once per process. Nothing here opens a
# connection (boto3 builds clients lazily; url() with a custom domain needs no request).
PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.core.files.storage import default_storage, storages
print(json.dumps({
    "default": settings.STORAGES["default"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "middleware": settings.MIDDLEWARE[:3],
    "storage_class": type(default_storage._wrapped if hasattr(default_storage, "_wrapped")
                          else default_storage).__name__,
    "url": default_storage.url("images/cream.jpg"),
    "serve_media": settings.SKINCARE_SERVE_MEDIA,
    "frontend_cache": getattr(settings, "WAGTAILFRONTENDCACHE", None),
}, default=str))
"""


def probe(env: dict[str, str]) -> dict:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SKINCARE_", "AWS_"))
    }
    done = subprocess.run(  # noqa: S603 (fixed interpreter and code)
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if done.returncode:
        raise AssertionError(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


class TestStaticFiles(SimpleTestCase):
    def test_whitenoise_serves_hashed_compressed_files_before_the_stack(self):
        found = probe(BASE_ENV)
        self.assertEqual(found["static"], "whitenoise.storage.CompressedManifestStaticFilesStorage")
        self.assertEqual(
            found["middleware"][:2],
            [
                "django.middleware.security.SecurityMiddleware",
                "whitenoise.middleware.WhiteNoiseMiddleware",
            ],
        )


class TestMediaStorage(SimpleTestCase):
    def test_local_disk_without_a_bucket(self):
        found = probe(BASE_ENV)
        self.assertEqual(found["default"]["BACKEND"], "django.core.files.storage.FileSystemStorage")
        self.assertEqual(found["url"], "/media/images/cream.jpg")
        self.assertFalse(found["serve_media"])

    def test_local_media_served_by_the_app_only_when_asked(self):
        self.assertTrue(probe({**BASE_ENV, "SKINCARE_SERVE_MEDIA": "1"})["serve_media"])

    def test_a_bucket_selects_the_s3_backend_with_its_options(self):
        found = probe(
            {
                **BASE_ENV,
                "SKINCARE_MEDIA_S3_BUCKET": "skin-notes-media",
                "SKINCARE_MEDIA_S3_ENDPOINT_URL": "https://s3.storage.example.net",
                "SKINCARE_MEDIA_S3_REGION": "eu-central-1",
                "SKINCARE_MEDIA_S3_CUSTOM_DOMAIN": "media.example.com",
                "SKINCARE_SERVE_MEDIA": "1",
                "AWS_ACCESS_KEY_ID": "test-key-id",
                "AWS_SECRET_ACCESS_KEY": "test-secret",
            }
        )
        self.assertEqual(found["default"]["BACKEND"], "storages.backends.s3.S3Storage")
        options = found["default"]["OPTIONS"]
        self.assertEqual(options["bucket_name"], "skin-notes-media")
        self.assertEqual(options["endpoint_url"], "https://s3.storage.example.net")
        self.assertEqual(options["region_name"], "eu-central-1")
        self.assertFalse(options["querystring_auth"])
        self.assertEqual(found["storage_class"], "S3Storage")
        self.assertEqual(found["url"], "https://media.example.com/images/cream.jpg")
        # The bucket serves media; the app never does then.
        self.assertFalse(found["serve_media"])

    def test_signed_urls_when_the_bucket_is_private(self):
        found = probe(
            {
                **BASE_ENV,
                "SKINCARE_MEDIA_S3_BUCKET": "private-media",
                "SKINCARE_MEDIA_S3_REGION": "eu-central-1",
                "SKINCARE_MEDIA_S3_SIGNED_URLS": "1",
                "AWS_ACCESS_KEY_ID": "test-key-id",
                "AWS_SECRET_ACCESS_KEY": "test-secret",
            }
        )
        self.assertTrue(found["default"]["OPTIONS"]["querystring_auth"])
        # Signing is local (no request): the URL carries a signature for the bucket's host.
        self.assertIn("private-media", found["url"])
        self.assertIn("Signature", found["url"])


class TestFrontendCache(SimpleTestCase):
    def test_no_variables_no_purging(self):
        self.assertIsNone(probe(BASE_ENV)["frontend_cache"])

    def test_each_cdn_is_configured_by_its_variables(self):
        found = probe(
            {
                **BASE_ENV,
                "SKINCARE_CDN_PURGE_URL": "http://varnish.internal:6081",
                "SKINCARE_CDN_CLOUDFLARE_ZONE_ID": "zone123",
                "SKINCARE_CDN_CLOUDFLARE_TOKEN": "cf-token",
                "SKINCARE_CDN_CLOUDFRONT_DISTRIBUTION_ID": "E2EXAMPLE",
                "SKINCARE_CDN_HOSTNAMES": "blog.example.com",
            }
        )["frontend_cache"]
        self.assertEqual(found["http"]["LOCATION"], "http://varnish.internal:6081")
        self.assertTrue(found["http"]["BACKEND"].endswith("HTTPBackend"))
        self.assertEqual(found["cloudflare"]["ZONEID"], "zone123")
        self.assertEqual(found["cloudflare"]["BEARER_TOKEN"], "cf-token")
        self.assertEqual(found["cloudfront"]["DISTRIBUTION_ID"], "E2EXAMPLE")
        for backend in found.values():
            self.assertEqual(backend["HOSTNAMES"], ["blog.example.com"])

    def test_a_cloudflare_zone_without_its_token_is_refused(self):
        with self.assertRaisesRegex(AssertionError, "SKINCARE_CDN_CLOUDFLARE_TOKEN"):
            probe({**BASE_ENV, "SKINCARE_CDN_CLOUDFLARE_ZONE_ID": "zone123"})
