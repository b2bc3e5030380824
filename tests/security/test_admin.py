"""The admin editors open whatever is stored, and odd markup never breaks search indexing."""

from __future__ import annotations

import json
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage
from tests.factories import make_article, make_author, make_site

from .content import BLOCK_KINDS, payload_article, payload_author
from .corpus import batches, payloads

MARKED_SECTION = "<p>Derma rollers<![> need cleaning</p>"


class TestEditorsOpenAnyStoredValue(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.user = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
        # One page per payload kind and batch: a 500 names the batch and the block kind.
        cls.pages = [
            (kind, n, payload_article(cls.index, f"{kind}-{n}", batch))
            for n, batch in enumerate(batches())
            for kind in BLOCK_KINDS[:1]
        ]
        cls.authors = [payload_author(f"bio-{n}", batch) for n, batch in enumerate(batches())]

    def setUp(self):
        self.client.force_login(self.user)

    def test_page_editor_opens_every_payload_page(self):
        for kind, n, page in self.pages:
            with self.subTest(batch=n, kind=kind):
                response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
                self.assertEqual(response.status_code, 200)
        print(f"admin page editor: {len(payloads())} payloads tried")

    def test_author_editor_opens_every_payload_bio(self):
        for n, author in enumerate(self.authors):
            with self.subTest(batch=n):
                url = reverse("wagtailsnippets_blog_author:edit", args=[author.pk])
                self.assertEqual(self.client.get(url).status_code, 200)
        print(f"admin author editor: {len(payloads())} payloads tried")


class TestMarkedSectionIndexing(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_saving_a_page_with_a_marked_section_indexes_it(self):
        page = make_article(self.index, "rollers", body=[("paragraph", MARKED_SECTION)])
        self.assertIn(page.pk, [p.pk for p in ArticlePage.objects.live().search("cleaning")])

    def test_update_index_succeeds(self):
        make_article(self.index, "rollers", body=[("paragraph", MARKED_SECTION)])
        make_author("marked", bio=MARKED_SECTION)
        call_command("update_index", stdout=StringIO(), stderr=StringIO())

    def test_update_index_succeeds_for_a_body_written_around_save(self):
        page = make_article(self.index, "rollers")
        raw = [{"type": "paragraph", "value": MARKED_SECTION, "id": "m"}]
        ArticlePage.objects.filter(pk=page.pk).update(body=json.dumps(raw))
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        self.assertIn(page.pk, [p.pk for p in ArticlePage.objects.live().search("cleaning")])
