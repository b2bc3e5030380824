"""Link persistence: rows per version, kept across re-syncs, and internal link problems."""

import os

from django.test import TestCase
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from linkcheck.links import refresh_internal, sync_links
from linkcheck.models import CheckedUrl, Link
from tests.factories import make_article, make_author, make_site
from tests.linkcheck.linkdata import make_document, make_image

Issue = Link.Issue


def para(*anchors):
    return ("paragraph", "<p>" + " ".join(anchors) + "</p>")


class TestSyncLinks(TestCase):
    """Links are stored once per version; unchanged rows survive a re-sync."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()

    def test_unique_urls_are_stored_once_for_many_pages(self):
        url = "https://journal.example.org/a#results"
        first = make_article(self.index, "one", body=[para(f'<a href="{url}">a</a>')])
        second = make_article(self.index, "two", body=[para(f'<a href="{url}">b</a>')])
        sync_links(first)
        sync_links(second)
        self.assertEqual(
            list(CheckedUrl.objects.values_list("url", flat=True)),
            ["https://journal.example.org/a"],
        )
        self.assertEqual(Link.objects.filter(checked_url__isnull=False).count(), 2)

    def test_resync_keeps_unchanged_rows_and_drops_removed_ones(self):
        page = make_article(
            self.index,
            "p",
            body=[
                para(
                    '<a href="https://a.example.org/">a</a>',
                    '<a href="https://b.example.org/">b</a>',
                )
            ],
        )
        rows = sync_links(page)
        kept = next(row for row in rows if row.text == "a")
        page.body = [para('<a href="https://a.example.org/">a</a>')]
        page.save_revision().publish()
        page.refresh_from_db()
        sync_links(page)
        self.assertEqual(
            list(Link.objects.filter(page=page).values_list("pk", "text")), [(kept.pk, "a")]
        )

    def test_ignore_follows_the_url_when_the_block_moves(self):
        page = make_article(self.index, "i", body=[para('<a href="https://a.example.org/">a</a>')])
        sync_links(page)
        Link.objects.filter(page=page).update(ignored=True, ignored_reason="paywalled but fine")
        page.body = [
            ("heading", {"text": "New", "level": "h2", "anchor": ""}),
            para('<a href="https://a.example.org/">a</a>'),
        ]
        page.save_revision().publish()
        page.refresh_from_db()
        (row,) = sync_links(page)
        self.assertEqual(
            (row.path, row.ignored, row.ignored_reason), ("1.paragraph", True, "paywalled but fine")
        )

    def test_draft_rows_are_marked(self):
        page = make_article(self.index, "d", body=[para('<a href="https://a.example.org/">a</a>')])
        draft = page.get_latest_revision_as_object()
        draft.body = [
            para('<a href="https://a.example.org/">a</a> <a href="https://new.example.org/">n</a>')
        ]
        draft.save_revision()
        page.refresh_from_db()
        sync_links(page)
        self.assertEqual(
            sorted(Link.objects.filter(page=page).values_list("url", "version")),
            [("https://a.example.org/", "live"), ("https://new.example.org/", "draft")],
        )

    def test_author_links_are_stored_against_the_author(self):
        author = make_author("cy", website="https://cy.example.org/")
        sync_links(author)
        row = Link.objects.get(author=author)
        self.assertEqual(
            (row.page_id, row.field, row.url), (None, "website", "https://cy.example.org/")
        )


class TestInternalLinks(TestCase):
    """Internal targets are resolved against the page tree, documents, images and sites."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.target = make_article(cls.index, "target")
        cls.draft = make_article(cls.index, "draft-target", publish=False)
        cls.private = make_article(cls.index, "private-target")
        PageViewRestriction.objects.create(page=cls.private, restriction_type="login")
        cls.gone = make_article(cls.index, "gone")
        cls.gone_id = cls.gone.pk
        cls.gone.delete()
        cls.image = make_image()
        cls.document = make_document()
        cls.image_no_file = make_image("lost")
        cls.document_no_file = make_document("lost")
        Redirect.objects.create(old_path="/old-guide", redirect_page=cls.target)

    def resolve(self, *anchors, model_fields=None):
        page = make_article(
            self.index,
            f"src-{Link.objects.count()}-{len(anchors)}",
            body=[para(*anchors)],
            **(model_fields or {}),
        )
        sync_links(page)
        return list(Link.objects.filter(page=page).order_by("pk"))

    def test_internal_problems_are_classified(self):
        os.remove(self.image_no_file.file.path)
        os.remove(self.document_no_file.file.path)
        cases = [
            (f'<a linktype="page" id="{self.target.pk}">t</a>', "ok", ""),
            (f'<a linktype="page" id="{self.gone_id}">t</a>', "broken", Issue.PAGE_DELETED),
            (f'<a linktype="page" id="{self.draft.pk}">t</a>', "broken", Issue.PAGE_UNPUBLISHED),
            (f'<a linktype="page" id="{self.private.pk}">t</a>', "broken", Issue.PAGE_PRIVATE),
            (f'<a linktype="document" id="{self.document.pk}">t</a>', "ok", ""),
            ('<a linktype="document" id="99999">t</a>', "broken", Issue.DOCUMENT_MISSING),
            (
                f'<a linktype="document" id="{self.document_no_file.pk}">t</a>',
                "broken",
                Issue.DOCUMENT_FILE_MISSING,
            ),
            (f'<embed embedtype="image" id="{self.image.pk}" alt="x" format="left"/>', "ok", ""),
            (
                '<embed embedtype="image" id="99999" alt="x" format="left"/>',
                "broken",
                Issue.IMAGE_MISSING,
            ),
            (
                f'<embed embedtype="image" id="{self.image_no_file.pk}" alt="x" format="left"/>',
                "broken",
                Issue.IMAGE_FILE_MISSING,
            ),
            ('<a href="http://localhost/blog/target/">t</a>', "ok", Issue.SAME_SITE_URL),
            ('<a href="/blog/target/">t</a>', "ok", Issue.SAME_SITE_URL),
            ('<a href="http://LOCALHOST/blog/nothing-here/">t</a>', "broken", Issue.NO_SUCH_PAGE),
            ('<a href="http://localhost/blog/authors/ana/">t</a>', "ok", ""),  # a routable sub-page
            ('<a href="http://localhost/old-guide">t</a>', "redirected", ""),
            (
                '<a href="http://localhost/blog/draft-target/">t</a>',
                "broken",
                Issue.PAGE_UNPUBLISHED,
            ),
        ]
        for anchor, status, issue in cases:
            with self.subTest(anchor=anchor):
                (row,) = self.resolve(anchor)
                self.assertEqual((row.status, row.issue), (status, issue), row.reason)
                self.assertIsNone(row.checked_url_id)  # never fetched over HTTP

    def test_same_site_url_points_at_the_page_to_convert_to(self):
        (row,) = self.resolve('<a href="http://localhost/blog/target/">t</a>')
        self.assertEqual(row.target_id, self.target.pk)

    def test_private_target_is_fine_from_a_private_page(self):
        source = make_article(
            self.index,
            "private-source",
            body=[para(f'<a linktype="page" id="{self.private.pk}">t</a>')],
        )
        PageViewRestriction.objects.create(page=source, restriction_type="login")
        (row,) = sync_links(source)
        self.assertEqual((row.status, row.issue), ("ok", ""))

    def test_image_fields_are_checked(self):
        rows = self.resolve(model_fields={"hero_image": self.image})
        self.assertEqual([(row.field, row.status) for row in rows], [("hero_image", "ok")])

    def test_refresh_notices_a_target_unpublished_later(self):
        target = make_article(self.index, "later")
        (row,) = self.resolve(f'<a linktype="page" id="{target.pk}">t</a>')
        self.assertEqual(row.status, "ok")
        target.unpublish()
        self.assertEqual(refresh_internal(), 1)
        row.refresh_from_db()
        self.assertEqual((row.status, row.issue), ("broken", Issue.PAGE_UNPUBLISHED))
