"""Shared builders for the link-checker database tests: images, documents, fast settings."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import make_site
from tests.linkcheck.httpserver import LinkServer

# Short timeouts and no politeness delay: tests talk to a loopback server only.
FAST = {
    "SKINCARE_LINKCHECK_CONCURRENCY": 8,
    "SKINCARE_LINKCHECK_PER_HOST_CONCURRENCY": 4,
    "SKINCARE_LINKCHECK_PER_HOST_DELAY": 0,
    "SKINCARE_LINKCHECK_CONNECT_TIMEOUT": 0.5,
    "SKINCARE_LINKCHECK_READ_TIMEOUT": 0.5,
    "SKINCARE_LINKCHECK_TOTAL_TIMEOUT": 1.0,
    "SKINCARE_LINKCHECK_DEADLINE": 3.0,
    "SKINCARE_LINKCHECK_RETRIES": 0,
    "SKINCARE_LINKCHECK_BACKOFF": 0.01,
    "SKINCARE_LINKCHECK_ALLOWLIST": ["127.0.0.1/32"],
}


def make_image(title="roller"):
    """An image with a real file in the test media folder."""
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def make_document(title="leaflet"):
    """A document with a small text file."""
    document = get_document_model()(title=title)
    document.file.save("leaflet.txt", ContentFile(b"aftercare"), save=False)
    document.save()
    return document


@override_settings(**FAST)
class LoopbackTestCase(TestCase):
    """A site plus a loopback link server for the class; the server's counters reset per test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = LinkServer(slow_seconds=2, lifetime=120).start()
        cls.addClassCleanup(cls.server.stop)

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def setUp(self):
        self.server.reset()
