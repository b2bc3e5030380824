"""Webhooks: signed POSTs on publish, unpublish and delete, retried with backoff, logged."""

from __future__ import annotations

import json
from datetime import timedelta

from django.test import SimpleTestCase, override_settings
from django.utils import timezone
from django_tasks import task_backends

from content_api.models import WebhookDelivery, WebhookEndpoint
from content_api.tasks import deliver_webhook
from content_api.webhooks import SIGNATURE_HEADER, backoff_seconds, sign, verify

from .helpers import ApiTestCase, make_article, make_author, make_site
from .receiver import Receiver

FAST_RETRIES = {
    "SKINCARE_API_WEBHOOK_BACKOFF": 0,
    "SKINCARE_API_WEBHOOK_MAX_ATTEMPTS": 3,
    "SKINCARE_API_WEBHOOK_TIMEOUT": 5,
    # The receivers these tests start listen on 127.0.0.1 (any port).
    "SKINCARE_API_WEBHOOK_ALLOWLIST": ["127.0.0.1/32"],
}


class TestSignatures(SimpleTestCase):
    def test_signature_verifies(self):
        header = sign("s3cret", b'{"a":1}', 1_700_000_000)
        self.assertTrue(header.startswith("t=1700000000,v1="))
        self.assertTrue(verify("s3cret", b'{"a":1}', header, now=1_700_000_010))

    def test_wrong_secret_body_or_age_fails(self):
        header = sign("s3cret", b"{}", 1_700_000_000)
        self.assertFalse(verify("other", b"{}", header, now=1_700_000_000))
        self.assertFalse(verify("s3cret", b"{ }", header, now=1_700_000_000))
        self.assertFalse(verify("s3cret", b"{}", header, tolerance=300, now=1_700_000_301))
        self.assertFalse(verify("s3cret", b"{}", "garbage", now=1_700_000_000))

    def test_backoff_doubles_up_to_the_cap(self):
        self.assertEqual([backoff_seconds(n, 2, 10) for n in range(1, 6)], [2, 4, 8, 10, 10])


@override_settings(**FAST_RETRIES)
class TestDelivery(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "post")

    def endpoint(self, url: str, events=("published", "unpublished", "deleted")) -> WebhookEndpoint:
        return WebhookEndpoint.objects.create(
            name="Front end", url=url, secret="s3cret", events=list(events)
        )

    def test_publish_posts_a_signed_payload(self):
        with Receiver() as receiver:
            endpoint = self.endpoint(receiver.url)
            with self.captureOnCommitCallbacks(execute=True):
                self.page.save_revision().publish()
        self.assertEqual(len(receiver.received), 1)
        request = receiver.received[0]
        self.assertTrue(verify(endpoint.secret, request.body, request.headers[SIGNATURE_HEADER]))
        payload = json.loads(request.body)
        self.assertEqual(payload["event"], "published")
        self.assertEqual(
            payload["data"],
            {
                "object": "page",
                "type": "article",
                "id": self.page.pk,
                "slug": "post",
                "title": "Post",
                "url": "http://localhost/blog/post/",
                "api_path": f"/api/v1/articles/{self.page.pk}",
            },
        )
        self.assertEqual(request.headers["X-Skincare-Event"], "published")
        delivery = WebhookDelivery.objects.get()
        self.assertEqual(
            (delivery.status, delivery.status_code, delivery.attempts), ("succeeded", 200, 1)
        )
        self.assertIsNotNone(delivery.duration_ms)

    def test_unpublish_and_delete(self):
        with Receiver() as receiver:
            self.endpoint(receiver.url)
            with self.captureOnCommitCallbacks(execute=True):
                self.page.unpublish()
            self.page.save_revision().publish()
            with self.captureOnCommitCallbacks(execute=True):
                self.page.delete()
        events = [json.loads(r.body)["event"] for r in receiver.received]
        # Wagtail unpublishes a live page before deleting it, so subscribers hear both.
        self.assertEqual(events, ["unpublished", "unpublished", "deleted"])

    def test_only_subscribed_events_are_sent(self):
        with Receiver() as receiver:
            self.endpoint(receiver.url, events=["deleted"])
            with self.captureOnCommitCallbacks(execute=True):
                self.page.save_revision().publish()
        self.assertEqual(receiver.received, [])
        self.assertFalse(WebhookDelivery.objects.exists())

    def test_inactive_endpoints_get_nothing(self):
        with Receiver() as receiver:
            endpoint = self.endpoint(receiver.url)
            endpoint.is_active = False
            endpoint.save()
            with self.captureOnCommitCallbacks(execute=True):
                self.page.save_revision().publish()
        self.assertEqual(receiver.received, [])

    def test_failures_are_retried_then_succeed(self):
        with Receiver(statuses=[500, 503, 200]) as receiver:
            self.endpoint(receiver.url)
            with self.captureOnCommitCallbacks(execute=True):
                self.page.save_revision().publish()
        self.assertEqual(len(receiver.received), 3)
        delivery = WebhookDelivery.objects.get()
        self.assertEqual(
            (delivery.status, delivery.attempts, delivery.status_code), ("succeeded", 3, 200)
        )
        self.assertEqual(delivery.error, "")

    def test_gives_up_after_max_attempts_and_logs_the_error(self):
        with Receiver(statuses=[500]) as receiver:
            self.endpoint(receiver.url)
            with self.captureOnCommitCallbacks(execute=True):
                self.page.save_revision().publish()
        self.assertEqual(len(receiver.received), 3)
        delivery = WebhookDelivery.objects.get()
        self.assertEqual(
            (delivery.status, delivery.attempts, delivery.status_code), ("failed", 3, 500)
        )
        self.assertIn("500", delivery.error)

    def test_unreachable_endpoint_is_logged_not_raised(self):
        with Receiver() as receiver:
            url = receiver.url
        # The server is gone: connection refused on loopback.
        self.endpoint(url)
        with self.captureOnCommitCallbacks(execute=True):
            self.page.save_revision().publish()
        delivery = WebhookDelivery.objects.get()
        self.assertEqual(delivery.status, "failed")
        self.assertIsNone(delivery.status_code)
        self.assertTrue(delivery.error)

    def test_private_pages_send_nothing(self):
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(
            page=self.page, restriction_type=PageViewRestriction.LOGIN
        )
        with Receiver() as receiver:
            self.endpoint(receiver.url)
            with self.captureOnCommitCallbacks(execute=True):
                self.page.save_revision().publish()
        self.assertEqual(receiver.received, [])

    def test_author_profile_events(self):
        author = make_author("lena", name="Lena Hart")
        with Receiver() as receiver:
            self.endpoint(receiver.url)
            with self.captureOnCommitCallbacks(execute=True):
                author.save_revision().publish()
        payload = json.loads(receiver.received[0].body)
        self.assertEqual(payload["data"]["object"], "author")
        self.assertEqual(payload["data"]["api_path"], "/api/v1/authors/lena")


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    SKINCARE_API_WEBHOOK_ALLOWLIST=["127.0.0.1/32"],
    SKINCARE_API_WEBHOOK_BACKOFF=30,
    SKINCARE_API_WEBHOOK_MAX_ATTEMPTS=5,
)
class TestDeferredRetries(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()

    def setUp(self):
        super().setUp()
        task_backends["default"].clear()

    def test_a_queue_backend_gets_a_delayed_retry_instead_of_a_sleep(self):
        with Receiver(statuses=[502]) as receiver:
            endpoint = WebhookEndpoint.objects.create(
                name="x", url=receiver.url, events=["published"]
            )
            delivery = WebhookDelivery.objects.create(
                endpoint=endpoint, event="published", payload={"a": 1}
            )
            before = timezone.now()
            deliver_webhook.call(delivery.pk)
        delivery.refresh_from_db()
        self.assertEqual((delivery.status, delivery.attempts), ("retrying", 1))
        self.assertGreaterEqual(delivery.next_attempt_at, before + timedelta(seconds=29))
        (queued,) = [
            r for r in task_backends["default"].results if r.task.func is deliver_webhook.func
        ]
        self.assertEqual(queued.args, [delivery.pk])
        self.assertEqual(queued.task.run_after, delivery.next_attempt_at)
        self.assertEqual(len(receiver.received), 1)
