"""Changes made in another process reach the API of a running server, as cron and shells make them.

A real `runserver` process serves a file-backed SQLite database with the embedded default
settings (and, when Redis answers on 127.0.0.1:6379, with REDIS_URL set); content changes come
from separate `manage.py shell` and `manage.py publish_scheduled` processes, as they do in
production. Each check polls a bounded number of times: the server cache is invalidated
through the shared cache before the changing process exits, so one read normally suffices.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from pathlib import Path

import redis
from django.conf import settings
from django.test import SimpleTestCase

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
POLLS = 40
POLL_PAUSE = 0.25

SETUP = """
from datetime import date
from tests.factories import make_article, make_author, make_site
home, index = make_site()
author = make_author("lena")
for slug, day in (("private-soon", 1), ("unpublish-soon", 2), ("stays", 3)):
    make_article(index, slug, authors=[author], published_date=date(2020, 1, day))
"""


_migrated: list[Path] = []


def _migrated_database(env: dict[str, str]) -> Path:
    """A freshly migrated SQLite file, made once per test run and copied for each server."""
    if not _migrated:
        path = Path(tempfile.mkdtemp(prefix="skincare-freshness-db-")) / "migrated.sqlite3"
        subprocess.run(  # noqa: S603 (fixed interpreter and arguments)
            [sys.executable, MANAGE, "migrate", "--noinput"],
            env={**env, "DATABASE_URL": f"sqlite:///{path}"},
            capture_output=True,
            check=True,
            timeout=600,
        )
        _migrated.append(path)
    return _migrated[0]


def tearDownModule():  # unittest's and pytest's module teardown
    for path in _migrated:
        shutil.rmtree(path.parent, ignore_errors=True)
    _migrated.clear()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


class ServerProcessMixin:
    """Migrate a fresh database, then serve it from a second process for the class's tests."""

    extra_env: dict[str, str] = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = tempfile.mkdtemp(prefix="skincare-freshness-")
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
        cls.env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{cls.tmp}/db.sqlite3",
            "SKINCARE_CACHE_DIR": f"{cls.tmp}/cache",
            "PYTHONUNBUFFERED": "1",
            **cls.extra_env,
        }
        shutil.copy(_migrated_database(cls.env), f"{cls.tmp}/db.sqlite3")
        cls.shell(SETUP)
        cls.port = _free_port()
        cls.log = open(Path(cls.tmp) / "server.log", "w")  # noqa: SIM115 closed in tearDownClass
        cls.server = subprocess.Popen(  # noqa: S603 (fixed interpreter and arguments)
            [sys.executable, MANAGE, "runserver", "--noreload", f"127.0.0.1:{cls.port}"],
            env=cls.env,
            stdout=cls.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(200):
            try:
                cls.get("/api/v1/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            cls.tearDownClass()
            raise RuntimeError("the server did not start")

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.log.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def manage(cls, *args: str) -> str:
        done = subprocess.run(  # noqa: S603 (fixed interpreter, the test's own code)
            [sys.executable, MANAGE, *args],
            env=cls.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
        return done.stdout

    @classmethod
    def shell(cls, code: str) -> str:
        return cls.manage("shell", "-c", code)

    @classmethod
    def get(cls, path: str) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{cls.port}{path}", timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as err:
            return err.code, {}

    def slugs(self) -> list[str]:
        status, body = self.get("/api/v1/articles")
        self.assertEqual(status, 200)
        return [card["slug"] for card in body["results"]]

    def assert_becomes(self, read, expected):
        """Poll `read()` until it returns `expected` (bounded attempts, no time limit asserted)."""
        value = read()
        for _ in range(POLLS):
            if value == expected:
                return
            time.sleep(POLL_PAUSE)
            value = read()
        self.assertEqual(value, expected)


class FreshnessTests:
    """The flows; each test changes its own post, so they pass in any order."""

    def test_private_page_disappears_from_lists_and_detail(self):
        self.assertIn("private-soon", self.slugs())  # now cached by the server
        page_id = self.shell(
            "from blog.models import ArticlePage;"
            "print(ArticlePage.objects.get(slug='private-soon').pk)"
        ).split()[-1]  # after the shell's own "N objects imported" line
        self.assertEqual(self.get(f"/api/v1/articles/{page_id}")[0], 200)
        self.shell(
            "from wagtail.models import PageViewRestriction\n"
            "from blog.models import ArticlePage\n"
            "PageViewRestriction.objects.create(page=ArticlePage.objects.get(slug='private-soon'),"
            " restriction_type='password', password='secret')"
        )
        self.assert_becomes(lambda: "private-soon" in self.slugs(), False)
        self.assert_becomes(lambda: self.get(f"/api/v1/articles/{page_id}")[0], 404)

    def test_unpublished_page_disappears(self):
        self.assertIn("unpublish-soon", self.slugs())
        self.shell(
            "from blog.models import ArticlePage;"
            "ArticlePage.objects.get(slug='unpublish-soon').unpublish()"
        )
        self.assert_becomes(lambda: "unpublish-soon" in self.slugs(), False)

    def test_scheduled_publish_from_cron_appears_first(self):
        self.assertNotIn("scheduled", self.slugs())
        self.shell(
            "from datetime import timedelta\n"
            "from django.utils import timezone\n"
            "from blog.models import BlogIndexPage\n"
            "from tests.factories import make_article\n"
            "page = make_article(BlogIndexPage.objects.get(title='Blog'), 'scheduled', publish=False)\n"
            "revision = page.latest_revision\n"
            "revision.approved_go_live_at = timezone.now() - timedelta(seconds=1)\n"
            "revision.save()\n"
        )
        self.manage("publish_scheduled")
        self.assert_becomes(lambda: self.slugs()[:1], ["scheduled"])

    def test_moved_page_leaves_the_site(self):
        self.assertIn("stays", self.slugs())
        self.shell(
            "from wagtail.models import Page\n"
            "from blog.models import ArticlePage, BlogIndexPage\n"
            "other = Page.get_first_root_node().add_child(title='Elsewhere', slug='elsewhere')\n"
            "index = other.add_child(instance=BlogIndexPage(title='Other blog', slug='blog'))\n"
            "ArticlePage.objects.get(slug='stays').move(index, pos='last-child')\n"
        )
        self.assert_becomes(lambda: "stays" in self.slugs(), False)


class TestFreshnessEmbeddedDefault(ServerProcessMixin, FreshnessTests, SimpleTestCase):
    """SQLite and the cache the embedded default configures (no REDIS_URL)."""


class TestFreshnessRedis(ServerProcessMixin, FreshnessTests, SimpleTestCase):
    """The production cache: Redis shared by every web process (skipped when Redis is down)."""

    # Its own Redis database, flushed first; CI runs the PostgreSQL suite beside the SQLite one
    # and gives it another (SKINCARE_FRESHNESS_TEST_REDIS_URL).
    extra_env = {
        "REDIS_URL": os.environ.get(
            "SKINCARE_FRESHNESS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13"
        )
    }

    @classmethod
    def setUpClass(cls):
        if not _redis_answers():
            raise unittest.SkipTest("Redis is not running on 127.0.0.1:6379")
        # A database of its own: entries of an earlier run must not meet this run's pages.
        redis.Redis.from_url(cls.extra_env["REDIS_URL"]).flushdb()
        super().setUpClass()
