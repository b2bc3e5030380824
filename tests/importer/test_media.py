"""WXR attachments available locally become Wagtail images: hero image, inline image blocks."""

from __future__ import annotations

import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model

from blog.models import ArticlePage
from importer.models import ImportRecord
from tests.factories import make_site

UPLOADS = "https://old.example.com/wp-content/uploads/2024/05"
# Attachments come after the posts that use them, as in many real exports.
EXPORT = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<wp:author><wp:author_login>ana</wp:author_login>
  <wp:author_display_name>Ana Ruiz</wp:author_display_name></wp:author>
<item>
  <title>How Vitamin C Serum Brightens Dull Skin</title>
  <link>https://old.example.com/vitamin-c-serum/</link>
  <guid>https://old.example.com/?p=1</guid>
  <dc:creator>ana</dc:creator>
  <content:encoded><![CDATA[<p>Vitamin C serum evens out tone when used every morning.</p>
<p><img src="{UPLOADS}/face-300x200.png" class="wp-image-11" /></p>
<p>Apply it before sunscreen so the two work together through the day.</p>]]></content:encoded>
  <wp:post_id>1</wp:post_id><wp:post_date>2024-05-02 09:00:00</wp:post_date>
  <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
  <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>10</wp:meta_value></wp:postmeta>
</item>
<item>
  <title>Why Retinol Needs a Slow Start</title>
  <link>https://old.example.com/retinol/</link>
  <guid>https://old.example.com/?p=2</guid>
  <dc:creator>ana</dc:creator>
  <content:encoded><![CDATA[<p>Retinol speeds up cell turnover, which is why it can sting at first.</p>
<p><img src="{UPLOADS}/gone.jpg" alt="A tube of retinol cream" /></p>
<p>Start twice a week and build up over a month as your skin adjusts.</p>]]></content:encoded>
  <wp:post_id>2</wp:post_id><wp:post_date>2024-05-03 09:00:00</wp:post_date>
  <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
</item>
<item>
  <title>serum-bottle</title>
  <wp:post_id>10</wp:post_id><wp:post_type>attachment</wp:post_type>
  <wp:attachment_url>{UPLOADS}/serum.jpg</wp:attachment_url>
  <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>
    <wp:meta_value>A dropper bottle of vitamin C serum</wp:meta_value></wp:postmeta>
</item>
<item>
  <title>Model applying serum</title>
  <wp:post_id>11</wp:post_id><wp:post_type>attachment</wp:post_type>
  <wp:attachment_url>{UPLOADS}/face.png</wp:attachment_url>
</item>
</channel>
</rss>
"""


def _run(*args) -> str:
    out = StringIO()
    call_command("import_posts", *args, "--json", stdout=out, stderr=StringIO())
    return out.getvalue()


def _image(path: Path, fmt: str, color: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (4, 3), color).save(path, fmt)


class TestWxrMedia(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.export = self.tmp / "export.xml"
        self.export.write_text(EXPORT)

    def uploads(self, root: Path) -> None:
        _image(root / "2024" / "05" / "serum.jpg", "JPEG", "orange")
        _image(root / "2024" / "05" / "face.png", "PNG", "pink")

    def draft(self, title_start: str) -> ArticlePage:
        page = ArticlePage.objects.get(title__startswith=title_start)
        return page.get_latest_revision_as_object()

    def test_featured_image_becomes_the_hero_image(self):
        self.uploads(self.tmp / "wp-content" / "uploads")
        _run(str(self.export))
        page = self.draft("How Vitamin C")
        self.assertIsNotNone(page.hero_image)
        self.assertEqual(page.hero_image.title, "serum-bottle")
        self.assertEqual(page.hero_alt, "A dropper bottle of vitamin C serum")
        self.assertEqual(page.hero_image.description, "A dropper bottle of vitamin C serum")

    def test_inline_image_becomes_an_image_block_with_alt_text(self):
        self.uploads(self.tmp / "uploads")
        _run(str(self.export))
        page = self.draft("How Vitamin C")
        raw = page.body.raw_data
        types = [b["type"] for b in raw]
        self.assertIn("image", types)
        block = raw[types.index("image")]["value"]
        face = get_image_model().objects.get(title="Model applying serum")
        self.assertEqual(block["image"], face.pk)
        # No alt text in the export: the attachment's title stands in, and the editor is told.
        self.assertEqual(block["alt_text"], "Model applying serum")
        notes = ImportRecord.objects.get(page=page).log["notes"]
        self.assertTrue(any("alt text" in n and "face" in n for n in notes), notes)
        # The image sits where it was: after the paragraph before it, not at the end.
        self.assertIn("every morning", raw[types.index("image") - 1]["value"])
        self.assertIn("before sunscreen", raw[types.index("image") + 1]["value"])

    def test_reimport_does_not_duplicate_images(self):
        self.uploads(self.tmp / "uploads")
        _run(str(self.export))
        self.assertEqual(get_image_model().objects.count(), 2)
        _run(str(self.export))
        self.assertEqual(get_image_model().objects.count(), 2)
        self.assertEqual(ArticlePage.objects.count(), 2)

    def test_missing_file_gives_a_note_and_the_post_still_imports(self):
        self.uploads(self.tmp / "uploads")
        data = json.loads(_run(str(self.export)))
        self.assertEqual(data["errors"], [])
        page = self.draft("Why Retinol")
        self.assertNotIn("image", [b["type"] for b in page.body.raw_data])
        notes = ImportRecord.objects.get(page=page).log["notes"]
        self.assertTrue(any("gone.jpg" in n and "not found" in n for n in notes), notes)

    def test_media_dir_option_finds_files_elsewhere(self):
        elsewhere = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, elsewhere, ignore_errors=True)
        self.uploads(elsewhere / "wp-content" / "uploads")
        _run(str(self.export), "--media-dir", str(elsewhere))
        self.assertEqual(self.draft("How Vitamin C").hero_image.title, "serum-bottle")

    def test_bad_files_are_skipped_with_a_note(self):
        root = self.tmp / "uploads" / "2024" / "05"
        root.mkdir(parents=True)
        (root / "serum.jpg").write_bytes(b"not an image at all")
        _image(root / "face.png", "PNG", "pink")
        with override_settings(SKINCARE_IMPORTER_UPLOAD_MAX_BYTES=40):
            _run(str(self.export))
        page = self.draft("How Vitamin C")
        self.assertIsNone(page.hero_image)
        self.assertNotIn("image", [b["type"] for b in page.body.raw_data])
        notes = " ".join(ImportRecord.objects.get(page=page).log["notes"])
        self.assertIn("serum.jpg", notes)
        self.assertIn("face.png", notes)
        self.assertEqual(get_image_model().objects.count(), 0)

    def test_dry_run_writes_nothing_and_lists_the_attachments(self):
        self.uploads(self.tmp / "uploads")
        data = json.loads(_run(str(self.export), "--dry-run"))
        notes = [n["text"] for n in data["posts"][0]["notes"] if n["kind"] == "media"]
        self.assertTrue(any("serum.jpg" in n and "hero" in n for n in notes), notes)
        self.assertTrue(any("face.png" in n for n in notes), notes)
        self.assertEqual(get_image_model().objects.count(), 0)
        self.assertEqual(ArticlePage.objects.count(), 0)
