"""Publishing and automatic revisions: content is cleaned before it goes live and a draft is never published."""

import json
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision
from wagtail.signals import page_published
from wagtail.test.utils import WagtailPageTestCase

from blog.models import ArticlePage
from linkcheck.cleaning import ACTION, clean_object
from tests.factories import make_article, make_site

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


class TestPublishIsCleanedFirst(AdminFormMixin, WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.make_live_article()

    def setUp(self):
        self.login()

    def test_a_publish_killed_after_cleaning_never_leaves_spam_live(self):
        page_published.connect(boom, sender=ArticlePage, dispatch_uid="test_boom")
        self.addCleanup(page_published.disconnect, sender=ArticlePage, dispatch_uid="test_boom")
        with self.assertRaisesMessage(RuntimeError, "process killed"):
            self.edit_article(self.page, LIVE_TEXT + SPAM, publish=True)
        page = ArticlePage.objects.get(pk=self.page.pk)
        for text in SPAM_TEXTS:
            self.assertNotIn(text, body_html(page))
        # The cleaning and its audit entry were stored before anything could go live.
        entry = PageLogEntry.objects.get(page=page, action=ACTION)
        self.assertEqual(entry.revision_id, page.latest_revision_id)

    def test_publish_goes_live_cleaned_with_one_cleaning_entry(self):
        self.edit_article(self.page, LIVE_TEXT + SPAM, publish=True)
        page = ArticlePage.objects.get(pk=self.page.pk)
        self.assertNotIn(SPAM_TEXTS[0], body_html(page))
        entry = PageLogEntry.objects.get(page=page, action=ACTION)
        self.assertEqual(entry.revision_id, page.live_revision_id)
        self.assertTrue(
            PageLogEntry.objects.filter(
                page=page, action="wagtail.publish", revision_id=page.live_revision_id
            ).exists()
        )
        self.assertFalse(page.has_unpublished_changes)

    def test_scheduled_publishing_cleans_the_revision_before_it_goes_live(self):
        draft = ArticlePage.objects.get(pk=self.page.pk)
        draft.body = [("paragraph", LIVE_TEXT + SPAM)]
        draft.go_live_at = timezone.now() - timedelta(minutes=1)
        with override_settings(SKINCARE_LINKCHECK_PLACEHOLDER_MODE="off"):
            revision = draft.save_revision(approved_go_live_at=draft.go_live_at)
        call_command("publish_scheduled", stdout=StringIO())
        page = ArticlePage.objects.get(pk=self.page.pk)
        self.assertNotEqual(page.live_revision_id, self.page.live_revision_id)
        for text in SPAM_TEXTS:
            self.assertNotIn(text, body_html(page))
        entry = PageLogEntry.objects.get(page=page, action=ACTION)
        self.assertEqual(entry.data["revision_before"], revision.pk)


class TestAutomaticRevisionsReadTheLiveVersion(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_clean_object_given_the_draft_does_not_publish_it(self):
        page = make_article(self.index, "post", body=[("paragraph", LIVE_TEXT)])
        draft = page.latest_revision.as_object()
        draft.body = [("paragraph", LIVE_TEXT + DRAFT_TEXT + SPAM)]
        uncleaned(draft.save_revision)
        live_revision = page.live_revision_id

        outcome = clean_object(draft).outcome

        page = ArticlePage.objects.get(pk=page.pk)
        self.assertEqual(page.live_revision_id, live_revision)
        self.assertNotIn("unapproved change", body_html(page))
        self.assertFalse(outcome.live_changes)
        self.assertTrue(outcome.draft_changes)
        self.assertEqual(outcome.draft_revision, page.latest_revision_id)
        self.assertNotIn(SPAM_TEXTS[0], body_html(page.latest_revision.as_object()))


class TestCleanPlaceholdersAgrees(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def run_command(self, *args):
        out = StringIO()
        call_command("clean_placeholders", *args, "--json", "--no-progress", stdout=out)
        return json.loads(out.getvalue())["summary"]

    def test_dry_run_and_apply_agree_after_a_revert(self):
        page = uncleaned(make_article, self.index, "spam", body=[("paragraph", LIVE_TEXT + SPAM)])
        outcome = clean_object(page).outcome
        # An editor reverts the cleaning: the removed text is back on purpose.
        uncleaned(Revision.objects.get(pk=outcome.revision_before).publish)
        dry = self.run_command()
        applied = self.run_command("--apply")
        self.assertEqual(dry["findings"], applied["findings"])
        self.assertEqual(dry["findings"], 0)
        self.assertIn(SPAM_TEXTS[0], body_html(ArticlePage.objects.get(pk=page.pk)))
