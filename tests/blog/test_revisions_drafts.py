"""Saving a draft on live content: the draft is cleaned as a new draft revision, the live version is left alone."""

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.signals import published
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage, Author
from linkcheck.cleaning import ACTION
from tests.factories import make_author

from .revisiondata import (
    DRAFT_TEXT,
    LIVE_TEXT,
    SPAM,
    SPAM_TEXTS,
    AdminFormMixin,
    body_html,
    boom,
    uncleaned,
)


class TestSaveDraftOnLiveArticle(AdminFormMixin, WagtailPageTestCase):
    """A live article with a pending draft; the editor adds spam and clicks Save draft."""

    @classmethod
    def setUpTestData(cls):
        cls.make_live_article()
        draft = cls.page.latest_revision.as_object()
        draft.body = [("paragraph", LIVE_TEXT + DRAFT_TEXT)]
        draft.save_revision()

    def setUp(self):
        self.login()
        self.before = ArticlePage.objects.get(pk=self.page.pk)

    def test_save_draft_leaves_the_live_version_alone(self):
        self.edit_article(self.page, LIVE_TEXT + DRAFT_TEXT + SPAM)
        page = ArticlePage.objects.get(pk=self.page.pk)
        self.assertEqual(page.live_revision_id, self.before.live_revision_id)
        self.assertEqual(page.last_published_at, self.before.last_published_at)
        self.assertNotIn("unapproved change", body_html(page))
        self.assertTrue(page.has_unpublished_changes)
        self.assertEqual(
            PageLogEntry.objects.filter(page=page, action="wagtail.publish").count(), 1
        )

    def test_the_draft_is_cleaned_as_a_new_draft_revision(self):
        response = self.edit_article(self.page, LIVE_TEXT + DRAFT_TEXT + SPAM)
        page = ArticlePage.objects.get(pk=self.page.pk)
        draft = page.latest_revision.as_object()
        self.assertIn("unapproved change", body_html(draft))
        for text in SPAM_TEXTS:
            self.assertNotIn(text, body_html(draft))
        entry = PageLogEntry.objects.get(page=page, action=ACTION)
        self.assertEqual(entry.revision_id, page.latest_revision_id)
        # The editor's own version is kept before the cleaned one, so revert brings it back.
        before = Revision.objects.get(pk=entry.data["revision_before"]).as_object()
        self.assertIn(SPAM_TEXTS[0], body_html(before))
        self.assertContains(response, "Removed 3 placeholder spam items as a new revision")

    def test_each_removal_is_listed_once_and_never_cut_mid_word(self):
        # The pending draft holds the same spam as the live version: the message lists it once.
        with override_settings(SKINCARE_LINKCHECK_PLACEHOLDER_MODE="off"):
            self.edit_article(self.page, LIVE_TEXT + SPAM)
        response = self.edit_article(self.page, LIVE_TEXT + DRAFT_TEXT + SPAM)
        message = next(str(m) for m in response.context["messages"] if "Removed" in str(m))
        for text in SPAM_TEXTS:
            self.assertEqual(message.count(text), 1, message)
        removed = PageLogEntry.objects.get(action=ACTION).data["changes"]
        quoted = message.split(": ", 1)[1].rsplit(". Revert", 1)[0].split("”, “")
        for item in (q.strip("“”") for q in quoted):
            with self.subTest(item=item):
                whole = [r["text"] for r in removed if r["text"] == item]
                cut = [
                    r["text"]
                    for r in removed
                    if item.endswith("…")
                    and r["text"].startswith(item[:-1])
                    and r["text"][len(item) - 1 : len(item)] in (" ", ",", ".", ":", ";")
                ]
                self.assertTrue(whole or cut, f"{item!r} is not a whole removal or word cut")

    def test_history_row_links_to_the_comparison_and_the_revert(self):
        self.edit_article(self.page, LIVE_TEXT + DRAFT_TEXT + SPAM)
        entry = PageLogEntry.objects.get(page=self.page, action=ACTION)
        before, after = entry.data["revision_before"], entry.data["revision_after"]
        response = self.client.get(reverse("wagtailadmin_pages:history", args=(self.page.pk,)))
        compare = reverse(
            "wagtailadmin_pages:revisions_compare", args=(self.page.pk, before, after)
        )
        revert = reverse("wagtailadmin_pages:revisions_revert", args=(self.page.pk, before))
        # In the cleaning's own row, beside what it removed.
        self.assertContains(
            response, f'<a href="{compare}">Compare with the version before cleaning</a>'
        )
        self.assertContains(
            response, f'<a href="{revert}">Revert to the version before cleaning</a>'
        )
        self.assertContains(response, "Placeholder spam removed")


class TestSaveDraftOnLiveAuthor(AdminFormMixin, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_author("rae", bio="<p>Treats rosacea.</p>")
        cls.author.publish(cls.author.latest_revision)
        draft = cls.author.latest_revision.as_object()
        draft.bio = "<p>Treats rosacea. Unapproved new sentence.</p>"
        draft.save_revision()

    def setUp(self):
        self.login()

    def test_save_draft_cleans_the_draft_and_leaves_the_live_profile_alone(self):
        before = Author.objects.get(pk=self.author.pk)
        self.client.post(
            reverse("wagtailsnippets_blog_author:edit", args=(self.author.pk,)),
            self.author_data(self.author, "<p>Treats rosacea. Unapproved new sentence.</p>" + SPAM),
        )
        author = Author.objects.get(pk=self.author.pk)
        self.assertEqual(author.live_revision_id, before.live_revision_id)
        self.assertEqual(author.last_published_at, before.last_published_at)
        self.assertEqual(author.bio, "<p>Treats rosacea.</p>")
        self.assertTrue(author.has_unpublished_changes)
        draft = author.latest_revision.as_object()
        self.assertIn("Unapproved new sentence", draft.bio)
        self.assertNotIn(SPAM_TEXTS[0], draft.bio)
        self.assertTrue(ModelLogEntry.objects.for_instance(author).filter(action=ACTION).exists())

    def test_history_row_links_to_the_snippet_comparison_and_revert(self):
        self.client.post(
            reverse("wagtailsnippets_blog_author:edit", args=(self.author.pk,)),
            self.author_data(self.author, "<p>Treats rosacea.</p>" + SPAM),
        )
        entry = ModelLogEntry.objects.for_instance(self.author).get(action=ACTION)
        before, after = entry.data["revision_before"], entry.data["revision_after"]
        response = self.client.get(
            reverse("wagtailsnippets_blog_author:history", args=(self.author.pk,))
        )
        compare = reverse(
            "wagtailsnippets_blog_author:revisions_compare", args=(self.author.pk, before, after)
        )
        revert = reverse(
            "wagtailsnippets_blog_author:revisions_revert", args=(self.author.pk, before)
        )
        # In the cleaning's own row, beside what it removed.
        self.assertContains(
            response, f'<a href="{compare}">Compare with the version before cleaning</a>'
        )
        self.assertContains(
            response, f'<a href="{revert}">Revert to the version before cleaning</a>'
        )

    def test_publish_raising_after_the_cleaning_commits_nothing(self):
        """The snippet publish (Revision.publish) and its cleaning are one transaction."""
        draft = Author.objects.get(pk=self.author.pk)
        draft.bio = "<p>Treats rosacea.</p>" + SPAM
        revision = uncleaned(draft.save_revision)
        revisions = Revision.objects.count()
        published.connect(boom, sender=Author, dispatch_uid="test_boom")
        self.addCleanup(published.disconnect, sender=Author, dispatch_uid="test_boom")
        with self.assertRaisesMessage(RuntimeError, "process killed"):
            revision.publish(user=get_user_model().objects.get(is_superuser=True))
        author = Author.objects.get(pk=self.author.pk)
        self.assertEqual(author.bio, "<p>Treats rosacea.</p>")
        self.assertEqual(Revision.objects.count(), revisions)
        self.assertFalse(ModelLogEntry.objects.filter(action=ACTION).exists())
