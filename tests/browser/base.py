"""A live server plus Debian's Chromium driven by Playwright; skipped where Chromium is absent."""

from __future__ import annotations

import os
import shutil
import time
import unittest

from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.core.management.base import CommandError
from django.db import OperationalError

CHROMIUM = os.environ.get("SKINCARE_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; the ORM calls our tests make between
# browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the browser extra is not installed
    sync_playwright = None

if os.environ.get("SKINCARE_REQUIRE_BROWSER") and not (sync_playwright and shutil.which(CHROMIUM)):
    # CI sets this so a missing browser fails the run instead of skipping these tests quietly.
    raise RuntimeError(f"Browser tests required but Playwright or {CHROMIUM} is missing.")

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def restore_wagtail_roots() -> None:
    """Recreate what Wagtail's migrations seed: TransactionTestCase empties every table."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if not Page.get_first_root_node():
        Page.add_root(title="Root", slug="root")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


@unittest.skipUnless(
    sync_playwright and shutil.which(CHROMIUM), "needs Playwright and Debian's Chromium"
)
class BrowserTestCase(StaticLiveServerTestCase):
    """Each test gets a fresh page; the browser lives for the class."""

    host = "127.0.0.1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._playwright = sync_playwright().start()
        cls.browser = cls._playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS
        )

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls._playwright.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        restore_wagtail_roots()
        self.context = self.browser.new_context()
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)

    def tearDown(self):
        self.context.close()
        super().tearDown()

    def _fixture_teardown(self):
        # Closing the browser does not wait for requests the live server is still answering (an
        # admin page's background fetches); on SQLite's shared in-memory database such a request
        # holds a table lock, and the flush between tests fails with "database table is locked".
        # Wait for those requests to finish instead of failing the next test.
        # `flush` reports the lock as a CommandError raised from the OperationalError.
        for attempt in range(50):
            try:
                return super()._fixture_teardown()
            except (OperationalError, CommandError) as error:
                cause = error if isinstance(error, OperationalError) else error.__cause__
                if "locked" not in str(cause) or attempt == 49:
                    raise
                time.sleep(0.1)
        return None

    def visit(self, path: str):
        return self.page.goto(self.live_server_url + path)
