"""Test settings: fast hashing, throwaway media, no external services."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
MEDIA_ROOT = tempfile.mkdtemp(prefix="skincare-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# In-process tests keep a private cache: a file cache would be shared with other test runs on
# this machine. tests/blog/test_freshness.py runs server processes on the embedded default.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The unit suite runs tasks inline; tests/linkcheck/test_worker.py runs the database queue
# with a real db_worker process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
