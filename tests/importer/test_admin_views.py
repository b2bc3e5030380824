"""The admin Import posts view (upload, preview, import as drafts) and the import log report."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from blog.models import ArticlePage
from importer.models import ImportRecord
from tests.factories import make_site

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "importer" / "corpus"
URL = reverse("importer_import")


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (CORPUS / name).read_bytes())


class ImportViewTestCase(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def setUp(self):
        self.user = self.login()

    def preview(self, *files, fmt="auto"):
        return self.client.post(URL, {"files": list(files), "format": fmt, "parent": self.index.pk})

    def confirm(self, response):
        form = response.context["confirm"]
        data = {
            "token": form.initial["token"],
            "format": form.initial["format"],
            "parent": self.index.pk,
        }
        return self.client.post(URL, data)


class TestUploadAndPreview(ImportViewTestCase):
    def test_get_shows_the_upload_form_with_the_blog_index_as_parent(self):
        response = self.client.get(URL)
        self.assertContains(response, "data-importer-upload")
        self.assertContains(response, f'<option value="{self.index.pk}">Blog</option>')

    def test_preview_shows_benefits_phases_and_why_lines_were_dropped_and_imports_nothing(self):
        response = self.preview(upload("t01_clinic_collagen.txt"), upload("t04_timeline_days.txt"))
        self.assertEqual(len(response.context["previews"]), 2)
        html = response.content.decode()
        self.assertIn("Smaller-Looking Pores", html)  # a benefit title
        self.assertIn("Week 4 and beyond", html)  # a phase
        self.assertIn("dropped: share/comment residue", html)  # a dropped line with its reason
        self.assertIn("Leave a Reply", html)
        self.assertIn("Import as drafts", html)
        self.assertFalse(ArticlePage.objects.exists())
        self.assertFalse(ImportRecord.objects.exists())

    def test_wxr_upload_previews_each_post_of_the_export(self):
        response = self.preview(upload("w_export.xml"))
        self.assertEqual(len(response.context["previews"]), 8)

    def test_binary_file_gives_a_clear_error_and_the_good_file_still_previews(self):
        response = self.preview(
            upload("broken.txt", b"\x00\x01PK\x00binary"), upload("t01_clinic_collagen.txt")
        )
        self.assertContains(response, "broken.txt is not a text file (it contains binary data).")
        self.assertEqual(len(response.context["previews"]), 1)

    @override_settings(SKINCARE_IMPORTER_UPLOAD_MAX_BYTES=100)
    def test_oversized_file_is_refused_with_its_size(self):
        response = self.preview(upload("t01_clinic_collagen.txt"))
        self.assertContains(response, "the limit for uploads is 100 bytes")
        self.assertEqual(response.context["previews"], [])

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=500)
    def test_preview_too_large_to_send_back_offers_no_import_button(self):
        response = self.preview(upload("w_export.xml"))
        self.assertContains(response, "too large to import from the preview in one go")
        self.assertNotContains(response, "Import as drafts")

    @override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=10)
    def test_upload_is_held_in_memory_never_in_a_temporary_file(self):
        # With Django's default handlers a file over FILE_UPLOAD_MAX_MEMORY_SIZE goes to disk.
        with mock.patch(
            "django.core.files.uploadhandler.TemporaryUploadedFile",
            side_effect=AssertionError("written to a temporary file"),
        ):
            response = self.preview(upload("t01_clinic_collagen.txt"))
        self.assertEqual(len(response.context["previews"]), 1)


class TestImportAsDrafts(ImportViewTestCase):
    def test_confirm_creates_draft_pages_under_the_chosen_parent(self):
        response = self.confirm(
            self.preview(upload("t01_clinic_collagen.txt"), upload("h02_pen_review.html"))
        )
        self.assertContains(response, "2 posts imported as drafts")
        pages = ArticlePage.objects.child_of(self.index)
        self.assertEqual(
            sorted(p.title for p in pages.specific()),
            [
                "Vela Pro Microneedling Pen Review (2025): Hands-On After 60 Days",
                "Why Collagen Induction Therapy Keeps Our Clients Coming Back",
            ],
        )
        self.assertFalse(pages.live().exists())
        self.assertEqual(ImportRecord.objects.count(), 2)
        record = ImportRecord.objects.get(title__startswith="Why Collagen")
        self.assertContains(response, record.edit_path)

    def test_tampered_token_imports_nothing(self):
        data = {"token": "x:y:z", "format": "auto", "parent": self.index.pk}
        response = self.client.post(URL, data)
        self.assertContains(response, "This preview has expired; upload again.")
        self.assertFalse(ArticlePage.objects.exists())

    def test_a_post_that_fails_to_write_is_reported_and_the_others_import(self):
        from importer import writer

        real = writer.write_post

        def failing(post, parent, **kwargs):
            if "Collagen" in post.title:
                raise ValueError("boom")
            return real(post, parent, **kwargs)

        preview = self.preview(upload("t01_clinic_collagen.txt"), upload("t04_timeline_days.txt"))
        with mock.patch("importer.views.write_post", side_effect=failing):
            response = self.confirm(preview)
        self.assertContains(response, "ValueError: boom")
        self.assertEqual(
            [p.title for p in ArticlePage.objects.all()],
            ["Microneedling Recovery: A Day-by-Day Guide"],
        )


class TestPermissions(WagtailTestUtils, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_admin_user_without_page_add_permission_is_refused(self):
        user = get_user_model().objects.create_user("viewer", "v@example.com", "pw")
        group = Group.objects.create(name="Admin access only")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
        self.client.force_login(user)
        # Wagtail turns PermissionDenied in the admin into a redirect home with a message.
        for url in (URL, reverse("importer_report")):
            with self.subTest(url=url):
                self.assertRedirects(self.client.get(url), reverse("wagtailadmin_home"))
        self.client.post(
            URL, {"files": [upload("t01_clinic_collagen.txt")], "parent": self.index.pk}
        )
        self.assertFalse(ArticlePage.objects.exists())


class TestImportLog(ImportViewTestCase):
    def test_report_lists_each_record_with_a_link_to_edit_its_page_and_exports_csv(self):
        self.confirm(self.preview(upload("t04_timeline_days.txt")))
        record = ImportRecord.objects.get()
        response = self.client.get(reverse("importer_report"))
        self.assertContains(response, "t04_timeline_days.txt")
        self.assertContains(response, f'href="{record.edit_path}"')
        csv = self.client.get(reverse("importer_report") + "?export=csv")
        self.assertEqual(csv.status_code, 200)
        body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
        self.assertIn("Source,Title,Kind,Page ID,Edit page", body)
        self.assertIn(
            f"t04_timeline_days.txt,Microneedling Recovery: A Day-by-Day Guide,article,{record.page_id},{record.edit_path}",
            body,
        )
