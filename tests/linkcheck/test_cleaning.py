"""The cleaner on every save path: admin create and edit, drafts, revert, snippets and settings."""

from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import ArticlePage, Author
from linkcheck.cleaning import ACTION, clean_object
from tests.blog.revisiondata import AdminFormMixin
from tests.factories import make_author, make_site

from .cleaningdata import CONCLUSION, RELATED, SPAM_HTML, body_with, make_uncleaned_article, texts


class TestCleaningOnAdminSave(AdminFormMixin, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.author = make_author("lena")

    def setUp(self):
        self.user = self.login()

    def post_article(self, html, *, publish=True, slug="spammy"):
        data = nested_form_data(
            {
                "title": "Spammy",
                "slug": slug,
                "dek": "",
                "summary": "",
                "hero_alt": "",
                "body": streamfield([("paragraph", rich_text(html))]),
                "tags": "",
                "article_authors": inline_formset([{"author": self.author.pk}], min=1),
                "medical_reviewer": "",
                "last_reviewed": "",
                "published_date": "",
                "updated_date": "",
                **({"action-publish": "action-publish"} if publish else {}),
            }
        )
        url = reverse("wagtailadmin_pages:add", args=("blog", "articlepage", self.index.pk))
        return self.client.post(url, data, follow=True)

    def test_publishing_removes_spam_as_a_new_revision_with_an_audit_entry(self):
        response = self.post_article(SPAM_HTML)
        page = ArticlePage.objects.get(slug="spammy")
        live = texts(page)
        self.assertNotIn("Visit this useful source", live)
        self.assertNotIn("Delve into this in-depth article", live)
        self.assertNotIn("Discover different perspectives", live)
        self.assertIn("Ask a licensed professional whether it suits you.", live)
        self.assertIn("Results take months to show.", live)
        self.assertEqual(page.revisions.count(), 2)
        entry = PageLogEntry.objects.get(page=page, action=ACTION)
        removed = [record["text"] for record in entry.data["changes"]]
        self.assertTrue(any("Delve into this in-depth article" in text for text in removed))
        self.assertEqual(entry.data["revision_after"], page.live_revision_id)
        self.assertContains(response, "placeholder spam items as a new revision")

    def test_reverting_brings_the_removed_text_back_and_it_stays(self):
        self.post_article(SPAM_HTML)
        page = ArticlePage.objects.get(slug="spammy")
        before = PageLogEntry.objects.get(page=page, action=ACTION).data["revision_before"]
        # The admin's revert: the edit form filled from the old revision, then published.
        revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, before))
        form = self.client.get(revert_url).context["form"]
        self.assertIn("Visit this useful source", str(form.initial["body"].raw_data))
        data = {**self.article_data(page, SPAM_HTML, publish=True), "revision": before}
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=(page.pk,)), data, follow=True
        )
        page.refresh_from_db()
        self.assertIn("Visit this useful source", texts(page))
        self.assertContains(response, "Kept content an editor restored")
        self.assertEqual(PageLogEntry.objects.filter(page=page, action=ACTION).count(), 1)

    def test_draft_save_is_cleaned_as_a_draft(self):
        self.post_article(SPAM_HTML, publish=False)
        page = ArticlePage.objects.get(slug="spammy")
        self.assertFalse(page.live)
        draft = page.latest_revision.as_object()
        self.assertNotIn("Dive into this impartial analysis", texts(draft))
        self.assertIn("Ask a licensed professional", texts(draft))

    def test_clean_content_is_left_alone(self):
        self.post_article(CONCLUSION)
        page = ArticlePage.objects.get(slug="spammy")
        self.assertEqual(page.revisions.count(), 1)
        self.assertFalse(PageLogEntry.objects.filter(action=ACTION).exists())

    @override_settings(SKINCARE_LINKCHECK_PLACEHOLDER_MODE="warn")
    def test_warn_mode_reports_without_changing(self):
        response = self.post_article(SPAM_HTML)
        page = ArticlePage.objects.get(slug="spammy")
        self.assertIn("Visit this useful source", texts(page))
        self.assertContains(response, "Possible placeholder spam (not removed")

    @override_settings(SKINCARE_LINKCHECK_PLACEHOLDER_MODE="off")
    def test_off_mode_skips_the_scan(self):
        response = self.post_article(SPAM_HTML)
        self.assertIn("Visit this useful source", texts(ArticlePage.objects.get(slug="spammy")))
        self.assertNotContains(response, "placeholder spam")

    def test_author_bio_is_cleaned_on_snippet_save(self):
        data = nested_form_data(
            {
                "name": "Spam Bot",
                "slug": "spam-bot",
                "role": "",
                "credentials": "",
                "photo": "",
                "expertise": "",
                "website": "",
                "bio": rich_text(CONCLUSION + RELATED),
                "profile_links": inline_formset([]),
            }
        )
        self.client.post(reverse("wagtailsnippets_blog_author:add"), data)
        author = Author.objects.get(slug="spam-bot")
        draft = author.latest_revision.as_object()
        self.assertNotIn("impartial analysis", draft.bio)
        self.assertIn("licensed professional", draft.bio)


class TestCleanObject(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_nested_rich_text_in_a_struct_inside_a_list_is_cleaned(self):
        page = make_uncleaned_article(self.index, "nested", body=body_with(SPAM_HTML, nested=True))
        result = clean_object(page)
        page.refresh_from_db()
        self.assertTrue(result.removed)
        self.assertEqual({r["path"] for r in result.removed}, {"0.benefits.items.0.explanation"})
        self.assertNotIn("Visit this useful source", texts(page))

    def test_live_page_with_pending_draft_keeps_the_draft_pending(self):
        page = make_uncleaned_article(self.index, "pending", body=body_with(SPAM_HTML))
        draft = page.latest_revision.as_object()
        draft.body = body_with(SPAM_HTML + "<p>An unpublished new paragraph.</p>")
        with override_settings(SKINCARE_LINKCHECK_PLACEHOLDER_MODE="off"):
            draft.save_revision()
        page.refresh_from_db()
        self.assertTrue(page.has_unpublished_changes)

        outcome = clean_object(page).outcome
        page.refresh_from_db()
        self.assertTrue(outcome.live_changes and outcome.draft_changes)
        self.assertNotIn("Visit this useful source", texts(page))
        self.assertNotIn("An unpublished new paragraph.", texts(page))
        self.assertTrue(page.has_unpublished_changes)
        pending = page.latest_revision.as_object()
        self.assertIn("An unpublished new paragraph.", texts(pending))
        self.assertNotIn("Visit this useful source", texts(pending))
        entry = PageLogEntry.objects.get(page=page, action=ACTION)
        self.assertEqual(entry.data["draft_revision"], page.latest_revision_id)

    def test_publishing_the_before_revision_restores_the_content(self):
        page = make_uncleaned_article(self.index, "restore", body=body_with(SPAM_HTML))
        outcome = clean_object(page).outcome
        from wagtail.models import Revision

        Revision.objects.get(pk=outcome.revision_before).publish()
        page.refresh_from_db()
        self.assertIn("Visit this useful source", texts(page))
