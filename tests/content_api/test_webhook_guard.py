"""Webhook endpoints and the SSRF guard: URLs refused in the admin form and at each delivery."""

from __future__ import annotations

from contextlib import ExitStack

from django.contrib.auth import get_user_model
from django.test import override_settings

from content_api.models import WebhookDelivery, WebhookEndpoint
from content_api.webhooks import post
from linkcheck.checker.safety import StaticResolver

from .helpers import ApiTestCase, make_article, make_site
from .receiver import Receiver


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
