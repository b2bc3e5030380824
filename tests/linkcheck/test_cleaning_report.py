"""What the cleaner did and can do in bulk: the cleaning report and clean_placeholders."""

import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils import WagtailPageTestCase

from linkcheck.cleaning import ACTION, clean_object
from tests.factories import make_article, make_site

from .cleaningdata import CONCLUSION, RELATED, SPAM_HTML, body_with, make_uncleaned_article, texts


class TestCleaningReport(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_uncleaned_article(
            cls.index, "reported", title="Reported post", body=body_with(SPAM_HTML)
        )
        clean_object(cls.page)
        cls.other = make_uncleaned_article(
            cls.index, "other", title="Other post", body=body_with(RELATED)
        )
        clean_object(cls.other)

    def setUp(self):
        self.login()

    def test_lists_cleanings_with_removed_text_and_comparison_link(self):
        response = self.client.get(reverse("skincare_cleaning_report"))
        self.assertContains(response, "Reported post")
        self.assertContains(response, "Delve into this in-depth article")
        self.assertContains(response, f"/admin/pages/{self.page.pk}/revisions/compare/")

    def test_filters_by_page_title_and_removed_text(self):
        response = self.client.get(reverse("skincare_cleaning_report"), {"label": "Other"})
        self.assertContains(response, "Other post")
        self.assertNotContains(response, "Reported post")
        response = self.client.get(
            reverse("skincare_cleaning_report"), {"removed": "useful source"}
        )
        self.assertContains(response, "Reported post")
        self.assertNotContains(response, "Other post")

    def test_exports_csv(self):
        response = self.client.get(reverse("skincare_cleaning_report"), {"export": "csv"})
        self.assertEqual(response["Content-Type"], "text/csv")
        body = (
            b"".join(response.streaming_content).decode()
            if response.streaming
            else response.content.decode()
        )
        self.assertIn("Reported post", body)
        self.assertIn("Visit this useful source", body)
        self.assertIn("/revisions/compare/", body)

    def test_appears_in_the_reports_menu(self):
        self.assertContains(
            self.client.get(reverse("wagtailadmin_home")), reverse("skincare_cleaning_report")
        )


class TestCleanPlaceholdersCommand(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.spam = make_uncleaned_article(cls.index, "spam", body=body_with(SPAM_HTML))
        cls.clean = make_article(cls.index, "clean", body=body_with(CONCLUSION))

    def run_command(self, *args):
        out = StringIO()
        call_command("clean_placeholders", *args, "--no-progress", stdout=out)
        return out.getvalue()

    def test_dry_run_reports_and_changes_nothing(self):
        output = self.run_command()
        self.assertIn(f"page {self.spam.pk}", output)
        self.assertIn("dry run", output)
        self.assertEqual(self.spam.revisions.count(), 1)
        self.assertFalse(PageLogEntry.objects.filter(action=ACTION).exists())

    def test_apply_makes_revisions(self):
        self.run_command("--apply")
        self.spam.refresh_from_db()
        self.assertNotIn("Visit this useful source", texts(self.spam))
        self.assertEqual(PageLogEntry.objects.filter(action=ACTION).count(), 1)
        self.assertIn("0 spam item(s)", self.run_command())

    def test_json_output_and_page_filter(self):
        data = json.loads(self.run_command("--json", "--page", str(self.spam.pk)))
        self.assertEqual(data["summary"]["scanned"], 1)
        self.assertEqual(data["objects"][0]["id"], self.spam.pk)
        self.assertEqual(
            {"kind", "action", "text", "href", "reason", "field", "path", "version"},
            set(data["objects"][0]["findings"][0]),
        )

    def test_unknown_page_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, "There is no page with id 999999"):
            self.run_command("--page", "999999")
