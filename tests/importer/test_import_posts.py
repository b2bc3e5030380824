"""import_posts end to end: drafts, idempotent re-imports, per-post atomicity, dry-run JSON, bad files."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path
from unittest import mock, skipUnless

from django.core.management import call_command
from django.test import TestCase

from blog.models import ArticlePage, Author, ProductReviewPage
from importer.models import ImportRecord
from tests.factories import make_author, make_site

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importer"
SEEDS = Path("/work/shared/seeds")
POST_KEYS = {
    "source",
    "kind",
    "title",
    "dek",
    "authors",
    "reviewer",
    "published",
    "updated",
    "headings",
    "benefits",
    "phases",
    "citations",
    "review",
    "disclosure",
    "body_text",
    "blocks",
    "dropped",
    "notes",
}

BENEFITS_TEXT = """Clinic News

Five Reasons Our Clients Book Collagen Facials
By Priya Natarajan, Licensed Esthetician
Published March 4, 2025

A collagen facial pairs gentle exfoliation with a peptide mask, and our regulars keep coming back.
1. Brighter Tone
Exfoliation lifts the dull surface layer so light reflects evenly across the cheeks.
2. Softer Lines
Peptides in the mask signal the skin to firm up the fine creases around the eyes.
3. Deeper Hydration
A humectant serum pulls water into the outer layer and keeps it there for days.
Leave a Reply
"""


def _run(*args) -> str:
    out = StringIO()
    call_command("import_posts", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


class TestImportPosts(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def write(self, name: str, content: str | bytes) -> str:
        path = self.tmp / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return str(path)

    def test_import_creates_a_draft_article_with_typed_blocks_and_author(self):
        path = self.write("clinic.txt", BENEFITS_TEXT)
        _run(path)
        page = ArticlePage.objects.get()
        self.assertFalse(page.live)
        self.assertEqual(page.title, "Five Reasons Our Clients Book Collagen Facials")
        types = [b["type"] for b in page.get_latest_revision_as_object().body.raw_data]
        self.assertIn("benefits", types)
        author = Author.objects.get(name="Priya Natarajan")
        self.assertFalse(author.live)
        self.assertEqual(author.credentials, "Licensed Esthetician")

    def test_existing_author_is_matched_by_name(self):
        existing = make_author("priya", name="Priya Natarajan")
        _run(self.write("clinic.txt", BENEFITS_TEXT))
        self.assertEqual(Author.objects.count(), 1)
        self.assertEqual(ImportRecord.objects.get().author, existing)

    def test_reimport_revises_the_same_page(self):
        path = self.write("clinic.txt", BENEFITS_TEXT)
        _run(path)
        page = ArticlePage.objects.get()
        _run(path)
        self.assertEqual(ArticlePage.objects.count(), 1)
        self.assertEqual(page.revisions.count(), 2)

    def test_publish_flag_publishes(self):
        _run(self.write("clinic.txt", BENEFITS_TEXT), "--publish")
        self.assertTrue(ArticlePage.objects.get().live)

    def test_dry_run_json_prints_one_object_and_writes_nothing(self):
        out = _run(self.write("clinic.txt", BENEFITS_TEXT), "--dry-run", "--json")
        data = json.loads(out)
        self.assertEqual(set(data), {"posts", "errors"})
        self.assertEqual(set(data["posts"][0]), POST_KEYS)
        self.assertEqual(
            data["posts"][0]["authors"],
            [{"name": "Priya Natarajan", "credentials": "Licensed Esthetician"}],
        )
        self.assertEqual(data["posts"][0]["published"], "2025-03-04")
        self.assertEqual(ArticlePage.objects.count(), 0)
        self.assertEqual(ImportRecord.objects.count(), 0)

    def test_a_failing_post_is_reported_and_the_others_go_on(self):
        first = self.write("a.txt", BENEFITS_TEXT)
        second = self.write("b.txt", BENEFITS_TEXT.replace("Collagen Facials", "Peptide Masks"))
        from importer import writer

        real = writer._fill
        calls = []

        def failing(page, post, *args):
            calls.append(post.title)
            real(page, post, *args)
            if len(calls) == 1:
                raise RuntimeError("boom")

        with mock.patch.object(writer, "_fill", failing):
            data = json.loads(_run(first, second, "--json"))
        self.assertEqual(len(data["errors"]), 1)
        self.assertEqual(ArticlePage.objects.count(), 1)
        self.assertEqual(ImportRecord.objects.count(), 1)

    def test_bad_files_give_clear_errors_and_import_nothing(self):
        cases = {
            "junk.txt": (bytes(range(256)) * 20, "binary"),
            "huge.txt": (b"a" * (6 * 1024 * 1024), "limit"),
            "xxe.xml": (
                b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<rss><channel><item><title>&x;</title></item></channel></rss>",
                "DTD",
            ),
            "broken.docx": (b"PK\x03\x04 not really a zip", "docx"),
            "broken.xml": (b"<?xml version='1.0'?><rss><channel><item>", "well-formed"),
        }
        for name, (content, expected) in cases.items():
            with self.subTest(name):
                data = json.loads(_run(self.write(name, content), "--json"))
                self.assertEqual(data["posts"], [])
                self.assertIn(expected, data["errors"][0]["message"])
        self.assertEqual(ArticlePage.objects.count(), 0)

    def test_wxr_export_imports_each_post_once(self):
        path = str(FIXTURES / "export.xml")
        _run(path)
        count = ArticlePage.objects.count()
        self.assertGreaterEqual(count, 3)
        _run(path)
        self.assertEqual(ArticlePage.objects.count(), count)

    def test_review_becomes_product_review_page(self):
        _run(str(FIXTURES / "sources" / "review_roller.md"))
        page = ProductReviewPage.objects.get()
        revision = page.get_latest_revision_as_object()
        self.assertTrue(revision.pros.raw_data)
        self.assertIn("commission", revision.disclosure)

    @skipUnless(SEEDS.is_dir(), "the shared seeds are not on this machine")
    def test_seeds_import_with_benefits_phases_and_an_author(self):
        data = json.loads(_run(*sorted(str(p) for p in SEEDS.glob("*.txt")), "--dry-run", "--json"))
        types = {b["type"] for post in data["posts"] for b in post["blocks"]}
        self.assertTrue({"benefits", "phases"} <= types)
        _run(*sorted(str(p) for p in SEEDS.glob("*.txt")))
        self.assertTrue(Author.objects.filter(name="San").exists())
