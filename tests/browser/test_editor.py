"""Editors in the real Wagtail admin: log in, edit phases, see validation on the right phase."""

from django.contrib.auth import get_user_model

from blog.models import ArticlePage
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_author, make_site


class TestEditorPhases(BrowserTestCase):
    def setUp(self):
        super().setUp()
        get_user_model().objects.create_superuser("editor", "", "pw-editor-123")
        self.home, self.index = make_site()
        self.article = make_article(
            self.index, "timeline", title="Timeline post", authors=[make_author("lena")]
        )
        self.visit("/admin/login/")
        self.page.fill("input[name=username]", "editor")
        self.page.fill("input[name=password]", "pw-editor-123")
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")

    def test_phase_out_of_order_shows_the_error_on_that_phase(self):
        self.visit(f"/admin/pages/{self.article.pk}/edit/")
        # The body is heading, paragraph, benefits, phases; the third phase starts at 3 weeks.
        start = self.page.locator("input[name='body-3-value-items-2-value-start-value']")
        start.fill("1")
        self.page.locator("select[name='body-3-value-items-2-value-start-unit']").select_option(
            "hours"
        )
        self.page.get_by_role("button", name="Save draft").click()
        error = self.page.get_by_text("before the previous phase starts")
        error.wait_for()
        self.assertIn("This phase starts (1 hour)", error.inner_text())
        # The message sits inside the third phase's block: the nearest element holding both the
        # message and that phase's fields holds no other phase's fields.
        container = error.locator(
            "xpath=ancestor::*[.//input[@name='body-3-value-items-2-value-name']][1]"
        )
        self.assertEqual(
            container.locator("input[name='body-3-value-items-2-value-name']").count(), 1
        )
        self.assertEqual(
            container.locator("input[name='body-3-value-items-1-value-name']").count(), 0
        )
        self.assertEqual(ArticlePage.objects.get(pk=self.article.pk).revisions.count(), 1)

    def test_editor_can_publish_an_edit(self):
        self.visit(f"/admin/pages/{self.article.pk}/edit/")
        self.page.fill("input[name=dek]", "A new standfirst from the browser")
        self.page.locator("button[data-w-dropdown-target='toggle']").last.click()
        self.page.get_by_role("button", name="Publish").click()
        self.page.wait_for_url("**/admin/pages/**")
        self.article.refresh_from_db()
        self.assertEqual(self.article.dek, "A new standfirst from the browser")
