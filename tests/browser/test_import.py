"""An editor imports a legacy text post in the admin: upload, preview, import, open the draft."""

from pathlib import Path

from django.contrib.auth import get_user_model

from blog.models import ArticlePage
from tests.browser.base import BrowserTestCase
from tests.factories import make_site

FIXTURE = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "importer"
    / "corpus"
    / "t04_timeline_days.txt"
)


class TestImportInAdmin(BrowserTestCase):
    def setUp(self):
        super().setUp()
        get_user_model().objects.create_superuser("editor", "", "pw-editor-123")
        self.home, self.index = make_site()
        self.visit("/admin/login/")
        self.page.fill("input[name=username]", "editor")
        self.page.fill("input[name=password]", "pw-editor-123")
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")

    def test_upload_preview_import_and_open_the_draft_in_the_editor(self):
        self.visit("/admin/import-posts/")
        self.page.set_input_files("input[name=files]", str(FIXTURE))
        self.page.get_by_role("button", name="Preview").click()
        preview = self.page.locator("[data-importer-post]")
        preview.wait_for()
        self.assertIn("Microneedling Recovery: A Day-by-Day Guide", preview.inner_text())
        self.assertIn("Week 4 and beyond", preview.locator("[data-importer-phases]").inner_text())
        self.assertIn(
            "related-posts teaser", preview.locator("[data-importer-dropped]").inner_text()
        )
        self.assertFalse(ArticlePage.objects.exists())

        self.page.get_by_role("button", name="Import as drafts").click()
        link = self.page.locator("[data-importer-results] a")
        link.wait_for()
        page = ArticlePage.objects.get()
        self.assertFalse(page.live)

        link.click()
        self.page.wait_for_url(f"**/admin/pages/{page.pk}/edit/")
        self.assertEqual(
            self.page.locator("input[name=title]").input_value(),
            "Microneedling Recovery: A Day-by-Day Guide",
        )
        # The imported timeline opens as a phases block in the editor, first phase filled in.
        self.assertEqual(
            self.page.locator("input[name$='-value-items-0-value-name']").first.input_value(),
            "Days 1–2",
        )
