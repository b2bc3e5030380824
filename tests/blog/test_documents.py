"""/documents/<id>/ serves a document only when a page readers can see uses it (or to an editor);
a draft's attachment stays private until the draft is published."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from blog.models import ArticlePage
from tests.content_api.helpers import make_article, make_other_site, make_site


def make_document(title: str, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(f"{title}.txt", ContentFile(b"aftercare"), save=False)
    document.save()
    return document


def linking(document) -> list[tuple]:
    return [("paragraph", f'<p>Get <a linktype="document" id="{document.pk}">the leaflet</a>.</p>')]


class TestDocumentServing(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.draft_only = make_document("draft-only")
        make_article(cls.index, "draft", publish=False, body=linking(cls.draft_only))
        cls.published = make_document("published")
        make_article(cls.index, "live", body=linking(cls.published))
        cls.pending = make_document("pending")
        cls.post = make_article(cls.index, "edited")
        cls.theirs = make_document("theirs")
        _other_home, other_index = make_other_site("other.example")
        make_article(other_index, "theirs", body=linking(cls.theirs))
        cls.unused = make_document("unused")
        cls.editor = get_user_model().objects.create_user("eddie", password="pw")
        cls.editor.groups.add(Group.objects.get(name="Editors"))

    def setUp(self):
        cache.clear()

    def status(self, document, host: str = "localhost") -> int:
        return self.client.get(document.url, HTTP_HOST=host).status_code

    def test_a_document_a_live_page_uses_is_served(self):
        self.assertEqual(self.status(self.published), 200)

    def test_a_document_only_a_draft_or_nothing_uses_is_not(self):
        for document in (self.draft_only, self.unused):
            with self.subTest(document.title):
                self.assertEqual(self.status(document), 404)

    def test_a_document_added_in_an_unpublished_revision_waits_for_the_publish(self):
        page = ArticlePage.objects.get(pk=self.post.pk)
        page.body = linking(self.pending)
        revision = page.save_revision()
        self.assertEqual(self.status(self.pending), 404)
        revision.publish()
        self.assertEqual(self.status(self.pending), 200)

    def test_another_sites_document_is_served_by_its_own_host_only(self):
        self.assertEqual(self.status(self.theirs), 404)
        self.assertEqual(self.status(self.theirs, "other.example"), 200)

    def test_an_editor_can_open_a_draft_attachment(self):
        self.client.force_login(self.editor)
        self.assertEqual(self.status(self.draft_only), 200)

    def test_a_restricted_collection_keeps_wagtails_own_check(self):
        private = Collection.get_first_root_node().add_child(name="Private")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
        )
        document = make_document("shared", collection=private)
        response = self.client.get(document.url)
        self.assertEqual(response.status_code, 200)  # Wagtail's password form, not the file
        self.assertNotIn(
            b"aftercare", b"".join(getattr(response, "streaming_content", [response.content]))
        )


class TestRestrictedPageDocuments(TestCase):
    """A document only a restricted page uses goes to the readers that page lets in."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.leaflet = make_document("members-leaflet")
        cls.post = make_article(cls.index, "members", body=linking(cls.leaflet))
        cls.reader = get_user_model().objects.create_user("rita", password="pw")

    def setUp(self):
        cache.clear()

    def restrict(self, kind: str, **fields) -> PageViewRestriction:
        return PageViewRestriction.objects.create(page=self.post, restriction_type=kind, **fields)

    def status(self) -> int:
        return self.client.get(self.leaflet.url).status_code

    def test_a_password_page_attachment_needs_the_password(self):
        restriction = self.restrict(PageViewRestriction.PASSWORD, password="serum")
        self.assertEqual(self.status(), 404)
        form = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, self.post.pk]
        )
        wrong = self.client.post(form, {"password": "guess", "return_url": self.post.url})
        self.assertEqual(wrong.status_code, 200)  # the form again
        self.assertEqual(self.status(), 404)
        right = self.client.post(form, {"password": "serum", "return_url": self.post.url})
        self.assertEqual(right.status_code, 302)
        self.assertEqual(self.status(), 200)

    def test_a_login_page_attachment_needs_a_login(self):
        self.restrict(PageViewRestriction.LOGIN)
        self.assertEqual(self.status(), 404)
        self.client.force_login(self.reader)
        self.assertEqual(self.status(), 200)

    def test_a_group_page_attachment_needs_the_group(self):
        members = Group.objects.create(name="Members")
        restriction = self.restrict(PageViewRestriction.GROUPS)
        restriction.groups.add(members)
        self.client.force_login(self.reader)
        self.assertEqual(self.status(), 404)
        self.reader.groups.add(members)
        self.assertEqual(self.status(), 200)

    def test_a_restriction_on_an_ancestor_counts_too(self):
        PageViewRestriction.objects.create(page=self.index, restriction_type="login")
        self.assertEqual(self.status(), 404)
        self.client.force_login(self.reader)
        self.assertEqual(self.status(), 200)

    def test_an_unpublished_restricted_page_lets_no_one_in(self):
        self.restrict(PageViewRestriction.LOGIN)
        ArticlePage.objects.get(pk=self.post.pk).unpublish()
        self.client.force_login(self.reader)
        self.assertEqual(self.status(), 404)
