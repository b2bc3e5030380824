"""The server-side response cache: hits without queries, invalidation on change, expiry."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.models import ArticlePage, BlogIndexPage
from content_api.caching import current_generation
from content_api.models import WebhookEndpoint

from .helpers import ApiTestCase, api_json, make_article, make_author, make_site

LIST = "/api/v1/articles"


class TestServerCache(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.author = make_author("lena", name="Lena Hart")
        cls.page = make_article(cls.index, "post", authors=[cls.author], tags=["tools"])

    def test_second_request_is_served_from_cache_without_queries(self):
        first = self.client.get(LIST)
        with self.assertNumQueries(0):
            second = self.client.get(LIST)
        self.assertEqual(first.content, second.content)
        self.assertEqual(first["ETag"], second["ETag"])

    def test_hits_are_answered_before_sessions_and_auth(self):
        self.client.get(LIST)
        with mock.patch(
            "django.contrib.sessions.middleware.SessionMiddleware.process_request"
        ) as sessions:
            response = self.client.get(LIST)
        self.assertEqual(response.status_code, 200)
        sessions.assert_not_called()

    def test_view_wrapper_serves_hits_without_the_middleware(self):
        middleware = [m for m in settings.MIDDLEWARE if not m.endswith("CachedApiMiddleware")]
        with override_settings(MIDDLEWARE=middleware):
            first = self.client.get(LIST)
            with self.assertNumQueries(0):
                second = self.client.get(LIST)
            etag = second["ETag"]
            self.assertEqual(self.client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code, 304)
        self.assertEqual(first.content, second.content)

    @override_settings(SKINCARE_API_CACHE_ENABLED=False)
    def test_cache_can_be_switched_off(self):
        self.client.get(LIST)
        with CaptureQueriesContext(connection) as queries:
            self.client.get(LIST)
        self.assertGreater(len(queries), 0)

    def titles(self) -> list[str]:
        return [card["title"] for card in api_json(self.client, LIST)["results"]]

    def test_publish_invalidates(self):
        self.assertEqual(self.titles(), ["Post"])
        make_article(self.index, "second")
        self.assertEqual(sorted(self.titles()), ["Post", "Second"])

    def test_new_revision_published_invalidates(self):
        self.titles()
        self.page.title = "Renamed"
        self.page.save_revision().publish()
        self.assertEqual(self.titles(), ["Renamed"])

    def test_draft_save_does_not_change_what_is_served(self):
        before = self.titles()
        self.page.title = "Draft title"
        self.page.save_revision()
        self.assertEqual(self.titles(), before)

    def test_unpublish_invalidates(self):
        self.titles()
        self.page.unpublish()
        self.assertEqual(self.titles(), [])

    def test_delete_invalidates(self):
        self.titles()
        self.page.delete()
        self.assertEqual(self.titles(), [])

    def test_move_invalidates(self):
        url = api_json(self.client, LIST)["results"][0]["url"]
        other_index = BlogIndexPage(title="Archive", slug="archive")
        self.home.add_child(instance=other_index)
        self.page.move(other_index, pos="last-child")
        moved = api_json(self.client, LIST)["results"][0]["url"]
        self.assertNotEqual(url, moved)
        self.assertEqual(moved, "http://localhost/archive/post/")

    def test_author_profile_change_invalidates(self):
        self.assertEqual(
            api_json(self.client, LIST)["results"][0]["authors"][0]["name"], "Lena Hart"
        )
        self.author.name = "Lena Hart-Smith"
        self.author.save_revision().publish()
        self.assertEqual(
            api_json(self.client, LIST)["results"][0]["authors"][0]["name"], "Lena Hart-Smith"
        )

    def test_privacy_change_invalidates(self):
        self.titles()
        PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.LOGIN
        )
        self.assertEqual(self.titles(), [])

    def test_invalidation_also_happens_on_commit(self):
        before = current_generation()
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            make_article(self.index, "third")
        self.assertTrue(callbacks)
        self.assertNotEqual(current_generation().token, before.token)


class TestExpiry(ApiTestCase):
    """A page whose expire_at passes leaves the API without publish_scheduled running."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.lasting = make_article(cls.index, "lasting")
        cls.expiring = make_article(
            cls.index, "expiring", expire_at=timezone.now() + timedelta(hours=1)
        )

    def slugs(self) -> list[str]:
        return [card["slug"] for card in api_json(self.client, LIST)["results"]]

    def let_expire(self) -> None:
        """What passing time does: the page is past its expiry, still live (no command ran)."""
        ArticlePage.objects.filter(pk=self.expiring.pk).update(
            expire_at=timezone.now() - timedelta(seconds=1)
        )

    def test_expired_page_is_not_listed_or_served(self):
        self.let_expire()
        self.assertEqual(self.slugs(), ["lasting"])
        detail = self.client.get(f"{LIST}/{self.expiring.pk}")
        self.assertEqual(detail.status_code, 404)

    def test_cached_responses_end_when_a_page_expires(self):
        self.assertEqual(sorted(self.slugs()), ["expiring", "lasting"])  # cached now
        self.let_expire()
        later = self.expiring.expire_at.timestamp() + 1
        with mock.patch("blog.representation.generation.time.time", return_value=later):
            self.assertEqual(self.slugs(), ["lasting"])

    def test_cache_is_kept_until_the_expiry(self):
        self.slugs()
        with self.assertNumQueries(0):
            self.slugs()


class TestWebhooksAfterInvalidation(ApiTestCase):
    """A subscriber that fetches the API when notified never gets the old response."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        WebhookEndpoint.objects.create(name="Front end", url="http://127.0.0.1:9/hook")

    def test_delivery_is_enqueued_after_the_committed_invalidation(self):
        self.client.get(LIST)
        seen = []
        with (
            mock.patch("content_api.tasks.deliver_webhook") as task,
            self.captureOnCommitCallbacks(execute=True),
        ):
            task.enqueue.side_effect = lambda pk: seen.append(current_generation().token)
            make_article(self.index, "news")
        self.assertEqual(len(seen), 1)
        # The enqueue ran after the last invalidation, so a fetch then sees the new post.
        self.assertEqual(seen[0], current_generation().token)
        self.assertEqual(api_json(self.client, LIST)["results"][0]["slug"], "news")
