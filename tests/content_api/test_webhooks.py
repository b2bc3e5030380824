"""Webhooks: signed POSTs on publish, unpublish and delete, retried with backoff, logged."""

from __future__ import annotations

import json
from contextlib import ExitStack
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import SimpleTestCase, override_settings
from django.utils import timezone
from django_tasks import task_backends

from content_api.models import WebhookDelivery, WebhookEndpoint
from content_api.tasks import deliver_webhook
from content_api.webhooks import SIGNATURE_HEADER, backoff_seconds, post, sign, verify
from linkcheck.checker.safety import StaticResolver

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


class TestWebhookAdmin(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        make_site()
        cls.admin = get_user_model().objects.create_superuser("admin", "", "pw")
        cls.endpoint = WebhookEndpoint.objects.create(
            name="Next.js", url="https://front.example/hook"
        )
        cls.delivery = WebhookDelivery.objects.create(
            endpoint=cls.endpoint,
            event="published",
            payload={"event": "published"},
            status="failed",
            attempts=5,
            status_code=500,
            error="HTTP 500: boom",
            duration_ms=12,
        )

    def setUp(self):
        super().setUp()
        self.client.force_login(self.admin)

    def test_endpoints_can_be_added_with_events(self):
        response = self.client.post(
            "/admin/content-api/webhooks/new/",
            {
                "name": "Purge",
                "url": "https://cdn.example/purge",
                "secret": "abc",
                "events": ["published", "deleted"],
                "is_active": "on",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        endpoint = WebhookEndpoint.objects.get(name="Purge")
        self.assertEqual(endpoint.events, ["published", "deleted"])

    def test_non_http_urls_are_rejected(self):
        response = self.client.post(
            "/admin/content-api/webhooks/new/",
            {"name": "Bad", "url": "ftp://cdn.example/", "secret": "abc", "events": ["published"]},
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(WebhookEndpoint.objects.filter(name="Bad").exists())

    def test_delivery_log_lists_status_attempts_error_and_duration(self):
        response = self.client.get("/admin/content-api/deliveries/")
        self.assertEqual(response.status_code, 200)
        for text in ("Next.js", "Failed", "500", "12"):
            self.assertContains(response, text)
        inspect = self.client.get(f"/admin/content-api/deliveries/inspect/{self.delivery.pk}/")
        self.assertContains(inspect, "HTTP 500: boom")

    def test_private_loopback_and_metadata_urls_are_rejected(self):
        urls = [
            "http://127.0.0.1:8000/hook",
            "http://localhost:3000/api/revalidate",
            "http://2130706433/",
            "http://[::1]:8080/",
            "http://10.0.0.5/hook",
            "http://192.168.1.10/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/latest/meta-data/",
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://[::ffff:169.254.169.254]/",
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.post(
                    "/admin/content-api/webhooks/new/",
                    {"name": "Probe", "url": url, "secret": "abc", "events": ["published"]},
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("url", response.context["form"].errors)
                self.assertFalse(WebhookEndpoint.objects.filter(name="Probe").exists())
        # A URL Django accepts, refused by the SSRF guard: the editor is told why.
        response = self.client.post(
            "/admin/content-api/webhooks/new/",
            {"name": "Probe", "url": urls[-2], "secret": "abc", "events": ["published"]},
        )
        self.assertContains(response, "cannot receive webhooks: cloud metadata host name")

    @override_settings(SKINCARE_API_WEBHOOK_ALLOWLIST=["127.0.0.1:3000"])
    def test_an_allowlisted_address_and_port_can_be_saved(self):
        response = self.client.post(
            "/admin/content-api/webhooks/new/",
            {
                "name": "Local",
                "url": "http://127.0.0.1:3000/h",
                "secret": "a",
                "events": ["published"],
            },
        )
        self.assertEqual(response.status_code, 302)
        response = self.client.post(
            "/admin/content-api/webhooks/new/",
            {
                "name": "Other",
                "url": "http://127.0.0.1:3001/h",
                "secret": "a",
                "events": ["published"],
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(WebhookEndpoint.objects.filter(name="Other").exists())

    def test_delivery_log_is_read_only(self):
        response = self.client.get("/admin/content-api/deliveries/")
        self.assertNotContains(response, "/admin/content-api/deliveries/new/")
        self.assertEqual(self.client.get("/admin/content-api/deliveries/new/").status_code, 404)


@override_settings(
    SKINCARE_API_WEBHOOK_BACKOFF=0,
    SKINCARE_API_WEBHOOK_MAX_ATTEMPTS=3,
    SKINCARE_API_WEBHOOK_ALLOWLIST=[],
)
class TestDeliveryGuard(ApiTestCase):
    """Deliveries pass the link checker's SSRF guard: a loopback sentinel sees nothing."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.page = make_article(cls.index, "post")

    def endpoint(self, url: str, name: str = "Hook") -> WebhookEndpoint:
        # Created through the ORM, as a row saved before validation (or DNS) changed would be.
        return WebhookEndpoint.objects.create(name=name, url=url, events=["published"])

    def publish(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            self.page.save_revision().publish()

    def test_a_loopback_endpoint_is_refused_and_never_reached(self):
        with Receiver() as sentinel:
            self.endpoint(sentinel.url)
            self.publish()
        self.assertEqual(sentinel.received, [])
        delivery = WebhookDelivery.objects.get()
        self.assertEqual((delivery.status, delivery.attempts), ("failed", 1))
        self.assertIsNone(delivery.status_code)
        self.assertEqual(delivery.error, "refused: loopback address")

    def test_the_log_does_not_tell_an_open_port_from_a_closed_one(self):
        with Receiver() as closed:
            closed_url = closed.url
        with Receiver() as sentinel:
            self.endpoint(sentinel.url, "open")
            self.endpoint(closed_url, "closed")
            self.publish()
        self.assertEqual(sentinel.received, [])
        logged = {
            (d.status, d.status_code, d.error, d.attempts) for d in WebhookDelivery.objects.all()
        }
        self.assertEqual(logged, {("failed", None, "refused: loopback address", 1)})

    def test_the_allowlisted_address_and_port_receives_it(self):
        with Receiver() as receiver:
            port = receiver.server.server_address[1]
            with override_settings(SKINCARE_API_WEBHOOK_ALLOWLIST=[f"127.0.0.1:{port}"]):
                self.endpoint(receiver.url)
                self.publish()
        self.assertEqual(len(receiver.received), 1)
        self.assertEqual(WebhookDelivery.objects.get().status, "succeeded")

    def test_another_port_on_an_allowlisted_address_is_refused(self):
        with ExitStack() as stack:
            allowed = stack.enter_context(Receiver())
            sentinel = stack.enter_context(Receiver())
            port = allowed.server.server_address[1]
            stack.enter_context(
                override_settings(SKINCARE_API_WEBHOOK_ALLOWLIST=[f"127.0.0.1:{port}"])
            )
            self.endpoint(sentinel.url)
            self.publish()
        self.assertEqual((allowed.received, sentinel.received), ([], []))
        delivery = WebhookDelivery.objects.get()
        self.assertEqual((delivery.status, delivery.error), ("failed", "refused: loopback address"))

    def test_names_are_resolved_and_checked_again_at_each_delivery(self):
        with Receiver() as receiver:
            port = receiver.server.server_address[1]
            url = f"http://hooks.test:{port}/hooks"
            allowlist = [f"127.0.0.1:{port}"]

            def send(address: str):
                return post(
                    url,
                    "s3cret",
                    {"a": 1},
                    event="published",
                    delivery_id=1,
                    timeout=5,
                    allowlist=allowlist,
                    resolver=StaticResolver({"hooks.test": address}),
                )

            first = send("127.0.0.1")
            rebound = send("127.0.0.2")
            metadata = send("169.254.169.254")
        self.assertTrue(first.ok, first.error)
        self.assertEqual(len(receiver.received), 1)
        self.assertFalse(rebound.ok)
        self.assertTrue(rebound.refused)
        self.assertEqual(
            rebound.error, "refused: hooks.test resolves to 127.0.0.2: loopback address"
        )
        self.assertIn("link-local", metadata.error)
        self.assertIsNone(metadata.status_code)
