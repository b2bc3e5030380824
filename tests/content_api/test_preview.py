"""Front-end preview: signed tokens for a page's latest revision, served in the detail schema."""

from __future__ import annotations

import json
from unittest import mock
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import signing
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailTestUtils

from content_api.preview import SALT, PreviewTokenError, make_token, read_token

from .helpers import ApiTestCase, make_article, make_review, make_site

PREVIEW_URL = "https://front.example/api/preview?token={token}&id={page_id}"


class TestTokens(ApiTestCase):
    def test_round_trip(self):
        self.assertEqual(read_token(make_token(5)).page_id, 5)

    def test_a_token_names_the_page_and_no_revision(self):
        token = make_token(5)
        self.assertEqual(signing.loads(token, salt=SALT), {"p": 5})

    def test_default_lifetime_is_fifteen_minutes(self):
        with mock.patch("django.core.signing.time.time", return_value=1_000_000):
            token = make_token(5)
        with mock.patch("django.core.signing.time.time", return_value=1_000_000 + 15 * 60):
            self.assertEqual(read_token(token).page_id, 5)
        with (
            mock.patch("django.core.signing.time.time", return_value=1_000_001 + 15 * 60),
            self.assertRaises(PreviewTokenError),
        ):
            read_token(token)

    def test_tampered_token_is_rejected(self):
        token = make_token(5)
        for bad in (
            token[:-2] + "xx",
            token.replace(token[5], "Z" if token[5] != "Z" else "Y", 1),
            "junk",
            "",
        ):
            with self.subTest(token=bad), self.assertRaises(PreviewTokenError):
                read_token(bad)

    @override_settings(SKINCARE_API_PREVIEW_TOKEN_MAX_AGE=60)
    def test_expired_token_is_rejected(self):
        with mock.patch("django.core.signing.time.time", return_value=1_000_000):
            token = make_token(5)
        with (
            mock.patch("django.core.signing.time.time", return_value=1_000_061),
            self.assertRaises(PreviewTokenError),
        ):
            read_token(token)


class TestPreviewEndpoint(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "post", title="Published title")
        cls.page.title = "Draft title"
        cls.revision = cls.page.save_revision()
        cls.unpublished = make_review(cls.index, "new-review")
        cls.unpublished.unpublish()
        cls.unpublished.title = "Unpublished review"
        cls.review_revision = cls.unpublished.save_revision()

    def preview(self, token, **params):
        return self.client.get("/api/v1/preview", {"token": token, **params})

    def test_serves_the_draft_in_the_detail_schema(self):
        response = self.preview(make_token(self.page.pk))
        self.assertEqual(response.status_code, 200)
        data = json.loads(response.content)
        self.assertEqual(data["title"], "Draft title")
        self.assertEqual(data["type"], "article")
        self.assertIn("body", data)
        self.assertIn("jsonld", data)
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertIn("ETag", response)
        published = json.loads(self.client.get(f"/api/v1/articles/{self.page.pk}").content)
        self.assertEqual(published["title"], "Published title")

    def test_unpublished_review_can_be_previewed(self):
        response = self.preview(make_token(self.unpublished.pk))
        self.assertEqual(response.status_code, 200)
        data = json.loads(response.content)
        self.assertEqual((data["type"], data["title"]), ("review", "Unpublished review"))
        self.assertEqual(self.client.get(f"/api/v1/reviews/{self.unpublished.pk}").status_code, 404)

    def test_bad_tokens_are_401_problems(self):
        good = make_token(self.page.pk)
        for token in (good[:-3] + "abc", "not-a-token"):
            with self.subTest(token=token):
                response = self.preview(token)
                self.assertEqual(response.status_code, 401)
                self.assertEqual(response["Content-Type"], "application/problem+json")
                self.assertEqual(
                    response["WWW-Authenticate"], 'Bearer realm="preview", error="invalid_token"'
                )

    @override_settings(SKINCARE_API_PREVIEW_TOKEN_MAX_AGE=60)
    def test_expired_token_is_a_401_problem(self):
        with mock.patch("django.core.signing.time.time", return_value=1_000_000):
            token = make_token(self.page.pk)
        with mock.patch("django.core.signing.time.time", return_value=1_000_100):
            response = self.preview(token)
        self.assertEqual(response.status_code, 401)
        self.assertIn("WWW-Authenticate", response)
        self.assertIn("expired", json.loads(response.content)["detail"])

    def test_token_for_another_page_is_a_404_problem(self):
        token = make_token(self.page.pk)
        response = self.preview(token, id=self.unpublished.pk)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"], "application/problem+json")

    def test_a_token_shows_the_latest_draft_saved_after_it_was_signed(self):
        token = make_token(self.page.pk)
        page = self.page.get_latest_revision_as_object()
        page.title = "Saved after the link was opened"
        page.save_revision()
        data = json.loads(self.preview(token).content)
        self.assertEqual(data["title"], "Saved after the link was opened")

    def test_a_token_for_a_deleted_page_is_a_404_problem(self):
        token = make_token(self.unpublished.pk)
        self.unpublished.delete()
        response = self.preview(token)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("WWW-Authenticate", response)

    def test_previews_are_never_served_from_the_server_cache(self):
        token = make_token(self.page.pk)
        self.preview(token)
        with CaptureQueriesContext(connection) as queries:
            self.preview(token)
        self.assertGreater(len(queries), 0)


@override_settings(SKINCARE_API_PREVIEW_URL=PREVIEW_URL)
class TestAdminPreviewLink(WagtailTestUtils, ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "post")
        cls.page.title = "Latest draft"
        cls.latest = cls.page.save_revision()
        cls.admin = get_user_model().objects.create_superuser("admin", "", "pw")
        cls.reader = get_user_model().objects.create_user("reader", "", "pw")
        cls.reader.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )

    def test_editor_shows_the_action(self):
        self.client.force_login(self.admin)
        response = self.client.get(f"/admin/pages/{self.page.pk}/edit/")
        self.assertContains(response, "Preview in front end")
        self.assertContains(response, f"/admin/content-api/preview/{self.page.pk}/")

    def test_link_redirects_to_the_front_end_with_a_token_for_the_page(self):
        self.client.force_login(self.admin)
        response = self.client.get(f"/admin/content-api/preview/{self.page.pk}/")
        self.assertEqual(response.status_code, 302)
        location = urlsplit(response["Location"])
        self.assertEqual((location.scheme, location.netloc), ("https", "front.example"))
        query = parse_qs(location.query)
        self.assertEqual(query["id"], [str(self.page.pk)])
        self.assertEqual(read_token(query["token"][0]).page_id, self.page.pk)
        data = json.loads(self.client.get("/api/v1/preview", {"token": query["token"][0]}).content)
        self.assertEqual(data["title"], "Latest draft")

    def test_users_without_edit_permission_get_no_token(self):
        self.client.force_login(self.reader)
        response = self.client.get(f"/admin/content-api/preview/{self.page.pk}/")
        # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/admin/"))
