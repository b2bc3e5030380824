"""The leak matrix: hidden content of every kind, counted on every public surface.

Rows are kinds of content a reader must not see; each carries a unique marker string in its
title, slug, summary, tag, image and document titles (or, for the draft author, in the name,
credentials and bio). Columns are the public surfaces: the HTML site, feeds, sitemap, site
search and both APIs. A cell counts the marker's occurrences in everything its URLs answer
(plus one when the tag filter answers a hidden tag differently from an unknown one). Every
cell must be 0; the test prints the whole matrix so a failure shows where content leaks.
"""

from __future__ import annotations

import io
import sys
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from blog.models import ArticleAuthor
from tests.content_api.helpers import (
    ApiTestCase,
    make_article,
    make_author,
    make_image,
    make_other_site,
    make_site,
)

ROWS = (
    "draft",
    "pending draft",
    "scheduled",
    "expired",
    "password",
    "login",
    "second site",
    "draft author",
)
# A visible post built the same way: every surface must show its marker, or a 0 proves nothing.
CONTROL = "visible"
MARKERS = {row: f"zq{row.replace(' ', '')}q" for row in (*ROWS, CONTROL)}
# Searched for instead of the marker, so that a search page echoing the query counts nothing.
SECRETS = {row: f"qx{row.replace(' ', '')}x" for row in (*ROWS, CONTROL)}
UNKNOWN_TAG = "zqneverusedq"


def make_document(title: str, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(f"{title.replace(' ', '-')}.txt", ContentFile(b"secret"), save=False)
    document.save()
    return document


def hidden_body(marker: str, image, document) -> list[tuple]:
    return [
        ("paragraph", f'<p>{marker} <a linktype="document" id="{document.pk}">doc</a></p>'),
        ("image", {"image": image, "alt_text": marker, "caption": "", "attribution": ""}),
    ]


@override_settings(SKINCARE_API_CACHE_ENABLED=False)
class TestLeakMatrix(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lena = make_author("lena", name="Lena Hart")
        cls.pages = {}

        def hidden(row, index=None, **fields):
            marker = MARKERS[row]
            image, document = make_image(f"{marker} image"), make_document(f"{marker} doc")
            page = make_article(
                index or cls.index,
                f"{marker}-post",
                title=f"{marker} title",
                summary=f"{marker} {SECRETS[row]}",
                authors=[cls.lena],
                tags=["shared", f"{marker}-tag"],
                hero_image=image,
                body=hidden_body(marker, image, document),
                **fields,
            )
            cls.pages[row] = page
            return page

        hidden("draft", publish=False)
        scheduled = hidden("scheduled", publish=False)
        scheduled.go_live_at = timezone.now() + timedelta(days=7)
        scheduled.save_revision().publish()
        expired = hidden("expired")
        type(expired).objects.filter(pk=expired.pk).update(
            expire_at=timezone.now() - timedelta(days=1)
        )
        PageViewRestriction.objects.create(
            page=hidden("password"), restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        PageViewRestriction.objects.create(
            page=hidden("login"), restriction_type=PageViewRestriction.LOGIN
        )
        _other_home, other_index = make_other_site()
        hidden("second site", index=other_index)

        # A live page whose newer revision (a pending draft) changes text, tags and images.
        marker = MARKERS["pending draft"]
        pending = make_article(cls.index, "pending", title="Pending", authors=[cls.lena])
        pending.title = f"{marker} title"
        pending.summary = f"{marker} {SECRETS['pending draft']}"
        pending.hero_image = make_image(f"{marker} image")
        pending.body = hidden_body(marker, pending.hero_image, make_document(f"{marker} doc"))
        pending.tags.add(f"{marker}-tag")
        pending.save_revision()
        cls.pages["pending draft"] = pending

        # A visible article (sharing the hidden pages' tag, so they would show as related)
        # written and reviewed by an unpublished author.
        ghost_marker = MARKERS["draft author"]
        cls.ghost = make_author(
            ghost_marker,
            name=f"{ghost_marker} Writer",
            credentials=f"{ghost_marker} MD",
            bio=f"<p>{ghost_marker} {SECRETS['draft author']}</p>",
            photo=make_image(f"{ghost_marker} photo"),
            can_review=True,
            live=False,
        )
        cls.visible = hidden(CONTROL)
        ArticleAuthor.objects.create(page=cls.visible, author=cls.ghost, sort_order=1)
        type(cls.visible).objects.filter(pk=cls.visible.pk).update(medical_reviewer=cls.ghost)

        # A document in a private collection is never listed or served.
        private = Collection.get_first_root_node().add_child(name="Private")
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.create(name="Staff")])
        cls.private_doc = make_document("zqprivateq doc", collection=private)

    def surfaces(self, row: str) -> dict[str, list[str]]:
        """The URLs each column reads for one row."""
        marker, secret = MARKERS[row], SECRETS[row]
        page = self.pages.get(row, self.visible)
        author = self.ghost.slug if row == "draft author" else "lena"
        return {
            "home": ["/"],
            "blog index": ["/blog/", "/blog/?page=1"],
            "tag filter": [f"/blog/?tag={marker}-tag"],
            "author filter": [f"/blog/?author={author}"],
            "author profile": [f"/blog/authors/{author}/", "/blog/authors/"],
            "article URL": [f"/blog/{page.slug}/"],
            "related posts": [self.visible.url],
            "site search": [f"/search/?q={secret}"],
            "RSS": ["/feeds/rss/"],
            "Atom": ["/feeds/atom/"],
            "sitemap": ["/sitemap.xml", "/sitemap-pages.xml"],
            "API v1 list": ["/api/v1/articles?limit=100", "/api/v1/reviews?limit=100"],
            "API v1 detail": [
                f"/api/v1/articles/{page.pk}",
                f"/api/v1/articles/by-slug/{page.slug}",
            ],
            "API v1 search": [
                f"/api/v1/search?q={secret}",
                f"/api/v1/search/autocomplete?q={marker[:5]}",
            ],
            "API v1 tags/authors": ["/api/v1/tags", "/api/v1/authors", f"/api/v1/authors/{author}"],
            "API v2 pages": [
                "/api/v2/pages/?fields=*&limit=100",
                f"/api/v2/pages/?search={secret}",
                f"/api/v2/pages/?search={marker}",
                f"/api/v2/pages/{page.pk}/?fields=*",
            ],
            "API v2 media": [
                "/api/v2/images/?limit=100",
                "/api/v2/documents/?limit=100",
                *(f"/api/v2/images/{pk}/" for pk in self.media_ids(row, "hero_image_id")),
                *(f"/api/v2/documents/{pk}/" for pk in self.document_ids(marker)),
            ],
        }

    def media_ids(self, row, field):
        if row == "pending draft":
            return [self.pages[row].get_latest_revision_as_object().hero_image_id]
        page = self.pages.get(row)
        return [getattr(page, field)] if page else []

    def document_ids(self, marker):
        return list(
            get_document_model()
            .objects.filter(title__startswith=marker)
            .values_list("pk", flat=True)
        )

    def count(self, row: str, column: str, urls: list[str]) -> int:
        marker = MARKERS[row]
        total = 0
        for url in urls:
            response = self.client.get(url)
            self.assertLess(response.status_code, 500, url)
            # Only what the server adds counts, not its echo of the URL or query asked for.
            body = response.content.decode().lower()
            for echo in (url, url.partition("?")[0]):
                body = body.replace(echo.lower(), "")
            total += body.count(marker)
        if column == "tag filter":
            unknown = self.client.get(f"/blog/?tag={UNKNOWN_TAG}").status_code
            total += self.client.get(urls[0]).status_code != unknown
        return total

    def test_visible_control_appears_everywhere(self):
        for column, urls in self.surfaces(CONTROL).items():
            with self.subTest(column=column):
                self.assertGreater(self.count(CONTROL, column, urls), 0, urls)

    def test_hidden_content_appears_nowhere(self):
        matrix: dict[str, dict[str, int]] = {}
        for row in ROWS:
            for column, urls in self.surfaces(row).items():
                with self.subTest(row=row, column=column):
                    matrix.setdefault(row, {})[column] = cells = self.count(row, column, urls)
                    self.assertEqual(cells, 0, urls)
        print_matrix(matrix)

    def test_private_collection_document_is_never_served(self):
        self.assertNotEqual(self.client.get(self.private_doc.url).status_code, 200)
        self.assertEqual(
            self.client.get(f"/api/v2/documents/{self.private_doc.pk}/").status_code, 404
        )
        self.assertNotContains(self.client.get("/api/v2/documents/"), "zqprivateq")


def print_matrix(matrix: dict[str, dict[str, int]]) -> None:
    """Rows by columns, as a plain-text table on stdout (pytest -s shows it)."""
    columns = list(next(iter(matrix.values())))
    width = max(map(len, matrix)) + 2
    out = io.StringIO()
    out.write("leak matrix (marker occurrences per surface)\n")
    for index, column in enumerate(columns):
        out.write(f"{'':{width}}{'|  ' * index}{column}\n")
    for row, cells in matrix.items():
        out.write(f"{row:{width}}" + "".join(f"{cells[c]:<3}" for c in columns) + "\n")
    sys.stdout.write(out.getvalue())
