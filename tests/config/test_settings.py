import os
import subprocess
import sys
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]


def import_settings(module: str, env: dict) -> subprocess.CompletedProcess:
    """Import a settings module in a fresh interpreter with exactly this environment."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    code = (
        f"import importlib; m = importlib.import_module('{module}'); "
        "print(m.DATABASES['default']['ENGINE'], m.CACHES['default']['BACKEND'])"
    )
    return subprocess.run(  # noqa: S603 (fixed interpreter and code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


class TestProductionSettings(SimpleTestCase):
    def test_fails_fast_without_secret_key_or_hosts(self):
        result = import_settings("config.settings.production", {})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECRET_KEY", result.stderr)
        result = import_settings("config.settings.production", {"DJANGO_SECRET_KEY": "x" * 50})
        self.assertIn("DJANGO_ALLOWED_HOSTS", result.stderr)

    def test_reads_database_and_redis_from_environment(self):
        env = {
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "blog.example.com",
            "DATABASE_URL": "postgres://u@db.internal:5432/blog",
            "REDIS_URL": "redis://cache.internal:6379/1",
        }
        result = import_settings("config.settings.production", env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("postgresql", result.stdout)
        self.assertIn("RedisCache", result.stdout)

    def test_embedded_default_is_sqlite_and_locmem(self):
        result = import_settings("config.settings.dev", {})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("sqlite3", result.stdout)
        self.assertIn("LocMemCache", result.stdout)
