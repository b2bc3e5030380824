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
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SKINCARE_"))
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


def run_manage(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh interpreter with exactly this environment (plus PATH)."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SKINCARE_"))
    }
    return subprocess.run(  # noqa: S603 (fixed interpreter and arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


# The environment README.md documents for production (nothing here is contacted by `check`).
DOCUMENTED = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k3y-" + "x7Qp" * 15,
    "DJANGO_ALLOWED_HOSTS": "blog.example.com",
    "DATABASE_URL": "postgres://blog@db.internal:5432/blog",
    "REDIS_URL": "redis://cache.internal:6379/1",
}


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

    def test_embedded_default_is_sqlite_and_a_file_cache(self):
        result = import_settings("config.settings.dev", {})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("sqlite3", result.stdout)
        self.assertIn("FileBasedCache", result.stdout)


def read_settings(env: dict, *names: str) -> subprocess.CompletedProcess:
    """Import production settings with ``env`` and print the named values, one per line."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "SKINCARE_"))
    }
    code = (
        "import config.settings.production as m; "
        f"[print(repr(getattr(m, n, None))) for n in {list(names)!r}]"
    )
    return subprocess.run(  # noqa: S603 (fixed interpreter and code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


class TestDeployCheck(SimpleTestCase):
    """`manage.py check --deploy` is clean with the documented production environment."""

    def test_documented_environment_has_no_deploy_warnings(self):
        result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], DOCUMENTED)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_hsts_and_ssl_redirect_are_on_by_default(self):
        result = read_settings(
            DOCUMENTED,
            "SECURE_SSL_REDIRECT",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_HSTS_PRELOAD",
            "SECURE_PROXY_SSL_HEADER",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split(), ["True", "31536000", "True", "False", "None"])

    def test_a_tls_terminating_proxy_can_take_over_redirects_and_hsts(self):
        env = {
            **DOCUMENTED,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
        }
        result = read_settings(env, "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")
        self.assertEqual(result.stdout.split(), ["False", "0"], result.stderr)
        # Switched off on purpose (the proxy does it): check --deploy stays clean.
        result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], env)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_proxy_ssl_header_only_when_a_setting_says_the_proxy_sets_it(self):
        env = {**DOCUMENTED, "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO"}
        result = read_settings(env, "SECURE_PROXY_SSL_HEADER")
        self.assertEqual(
            result.stdout.strip(), "('HTTP_X_FORWARDED_PROTO', 'https')", result.stderr
        )
        result = read_settings(
            {**DOCUMENTED, "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DJANGO_SECURE_PROXY_SSL_HEADER", result.stderr)


class TestSingleNodeGuard(SimpleTestCase):
    """Production refuses the embedded one-process defaults unless told it is one process."""

    BASE = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "blog.example.com"}
    POSTGRES = {"DATABASE_URL": "postgres://u@db.internal:5432/blog"}
    REDIS = {"REDIS_URL": "redis://cache.internal:6379/1"}

    def test_embedded_defaults_are_refused_naming_what_to_set(self):
        cases = [
            ({**self.REDIS}, ["SQLite", "DATABASE_URL"]),
            ({**self.POSTGRES}, ["cache local to this machine", "REDIS_URL"]),
            (
                {**self.POSTGRES, **self.REDIS, "SKINCARE_TASKS_BACKEND": "immediate"},
                ["inline task backend", "SKINCARE_TASKS_BACKEND"],
            ),
        ]
        for env, words in cases:
            with self.subTest(env=env):
                result = import_settings("config.settings.production", {**self.BASE, **env})
                self.assertNotEqual(result.returncode, 0)
                self.assertIn("ImproperlyConfigured", result.stderr)
                self.assertIn("SKINCARE_SINGLE_NODE=1", result.stderr)
                for word in words:
                    self.assertIn(word, result.stderr)

    def test_single_node_allows_the_embedded_defaults(self):
        env = {**self.BASE, "SKINCARE_SINGLE_NODE": "1", "SKINCARE_TASKS_BACKEND": "immediate"}
        result = import_settings("config.settings.production", env)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("sqlite3", result.stdout)
        self.assertIn("FileBasedCache", result.stdout)

    def test_a_malformed_switch_is_an_error_naming_it(self):
        env = {**self.BASE, **self.POSTGRES, **self.REDIS, "SKINCARE_SINGLE_NODE": "maybe"}
        result = import_settings("config.settings.production", env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SKINCARE_SINGLE_NODE", result.stderr)


def settings_value(module: str, name: str, env: dict) -> str:
    """repr() of one setting of a settings module imported with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SKINCARE_"))}
    code = f"import importlib; print(repr(getattr(importlib.import_module('{module}'), '{name}', 'unset')))"
    result = subprocess.run(  # noqa: S603 (fixed interpreter and code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


class TestLinkcheckAllowlistFromEnvironment(SimpleTestCase):
    """SKINCARE_LINKCHECK_ALLOWLIST in the environment becomes the setting (linkcheck reads
    only settings); scripts/ci_worker_check.sh relies on it."""

    def test_comma_separated_entries_become_the_setting(self):
        value = settings_value(
            "config.settings.base",
            "SKINCARE_LINKCHECK_ALLOWLIST",
            {"SKINCARE_LINKCHECK_ALLOWLIST": "127.0.0.0/8, ci.test ,[::1]:8080"},
        )
        self.assertEqual(value, repr(["127.0.0.0/8", "ci.test", "[::1]:8080"]))

    def test_unset_leaves_the_apps_default(self):
        value = settings_value("config.settings.base", "SKINCARE_LINKCHECK_ALLOWLIST", {})
        self.assertEqual(value, "'unset'")
