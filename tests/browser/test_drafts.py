"""An editor saves a draft of a live article in the real admin: the draft stays a draft."""

from django.contrib.auth import get_user_model

from blog.models import ArticlePage
from tests.browser.base import BrowserTestCase
from tests.factories import make_article, make_author, make_site, sample_body

LIVE = "Microneedling makes tiny channels in the skin that prompt repair."
UNAPPROVED = "An unapproved sentence the reviewer has not seen."
SPAM = "Dive deeper into the subject by visiting this external resource we’ve selected for you."


class TestSaveDraftOfLiveArticle(BrowserTestCase):
    def setUp(self):
        super().setUp()
        get_user_model().objects.create_superuser("editor", "", "pw-editor-123")
        self.home, self.index = make_site()
        self.article = make_article(
            self.index, "timeline", title="Timeline post", authors=[make_author("lena")]
        )
        draft = self.article.latest_revision.as_object()
        body = sample_body()
        body[1] = ("paragraph", f"<p>{LIVE} {UNAPPROVED}</p>")
        draft.body = body
        draft.save_revision()
        self.visit("/admin/login/")
        self.page.fill("input[name=username]", "editor")
        self.page.fill("input[name=password]", "pw-editor-123")
        self.page.click("button[type=submit]")
        self.page.wait_for_url("**/admin/")

    def test_save_draft_with_spam_keeps_the_live_page_and_the_draft_apart(self):
        live_revision = self.article.live_revision_id
        self.visit(f"/admin/pages/{self.article.pk}/edit/")
        editor = self.page.locator(".public-DraftEditor-content").filter(has_text=UNAPPROVED)
        editor.click()
        self.page.keyboard.press("Control+End")
        self.page.keyboard.type(" " + SPAM)
        # Draftail writes its hidden input shortly after typing; save once it holds the text.
        self.page.wait_for_function(
            "document.querySelector(\"input[name='body-1-value']\").value.includes('Dive deeper')"
        )
        self.page.get_by_role("button", name="Save draft").click()
        self.page.get_by_text("has been updated").wait_for()
        messages = " ".join(self.page.locator(".messages").all_inner_texts())

        # Readers still see the live text: the unapproved draft was not published.
        self.visit("/blog/timeline/")
        article_text = self.page.locator("main").inner_text()
        self.assertIn(LIVE, article_text)
        self.assertNotIn(UNAPPROVED, article_text)
        self.assertNotIn("Dive deeper", article_text)

        self.assertIn("Removed 1 placeholder spam item", messages)

        # The admin shows the page as live with a pending draft, and the draft is cleaned.
        self.visit(f"/admin/pages/{self.index.pk}/")
        row = self.page.locator("tr").filter(has_text="Timeline post")
        self.assertIn("live + draft", row.inner_text().lower())
        self.visit(f"/admin/pages/{self.article.pk}/edit/")
        editor = self.page.locator(".public-DraftEditor-content").filter(has_text=UNAPPROVED)
        self.assertNotIn("Dive deeper", editor.inner_text())
        page = ArticlePage.objects.get(pk=self.article.pk)
        self.assertEqual(page.live_revision_id, live_revision)
