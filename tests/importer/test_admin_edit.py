"""An imported draft opens and saves in the admin editor unchanged (phases with vague starts too)."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage
from tests.factories import make_site
from tests.importer.forms import edit_form

VAGUE_PHASES = """Aftercare Notes
What Happens After a Chemical Peel
By Mara Quinn, RN
June 2, 2025

A medium-depth peel heals in stages, and knowing them helps you plan.
Healing stages
Inflammatory Phase: Promptly after the peel, the skin feels tight, warm and looks pink.
Peeling Phase (Days 3–7): The treated layer flakes away; do not pick at it.
Remodelling Phase: Over the following weeks, new collagen firms the skin and tone evens out.
Keep wearing sunscreen every day while the new skin settles.
"""


class TestImportedPageInEditor(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def setUp(self):
        self.user = self.login()
        path = Path(tempfile.mkdtemp()) / "peel.txt"
        path.write_text(VAGUE_PHASES)
        call_command("import_posts", str(path), stdout=StringIO(), stderr=StringIO())
        self.page = ArticlePage.objects.get()

    def test_vague_phase_start_keeps_its_wording_and_gets_a_valid_timeframe(self):
        phases = next(b for b in self.page.body.raw_data if b["type"] == "phases")
        remodel = phases["value"]["items"][-1]["value"]
        self.assertEqual(remodel["name"], "Remodelling Phase")
        self.assertEqual(remodel["label"], "Over the following weeks")
        self.assertIsNotNone(remodel["start"]["value"])

    def test_edit_form_opens_and_saves_without_errors(self):
        url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(url, edit_form(self.page))
        errors = response.context["form"].errors if response.status_code == 200 else {}
        self.assertRedirects(response, url, msg_prefix=str(errors))
        self.page.refresh_from_db()
        self.assertFalse(self.page.live)
