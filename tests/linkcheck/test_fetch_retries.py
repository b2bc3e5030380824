"""The fetcher against loopback servers: retries, backoff and Retry-After."""

from django.test import override_settings

from tests.linkcheck.loopback import FAST, OK, TEMPORARY, UNVERIFIABLE, ServerTestCase


@override_settings(**FAST)
class TestFetchRetries(ServerTestCase):
    """Temporary failures are retried with backoff, and Retry-After is honoured up to a cap."""

    def test_server_errors_are_retried_then_temporary(self):
        result = self.check("/error")
        self.assertEqual(result.status, TEMPORARY)
        self.assertEqual(self.server.hits["GET /error"], 2)  # first try plus one retry

    def test_transient_server_error_recovers_on_retry(self):
        result = self.check("/flaky")
        self.assertEqual(result.status, OK, result.reason)
        self.assertEqual(self.server.hits["/flaky"], 3)

    def test_retry_after_is_honoured(self):
        result = self.check("/rate-once")
        self.assertEqual(result.status, OK, result.reason)
        self.assertGreaterEqual(result.elapsed_ms, 900)
        self.assertEqual(self.server.hits["/rate-once"], 2)

    def test_retry_after_beyond_the_cap_is_reported_not_waited_for(self):
        result = self.check("/rate-limited?after=120")
        self.assertEqual(result.status, UNVERIFIABLE)
        self.assertIn("Retry-After 120 s", result.reason)
        self.assertLess(result.elapsed_ms, 1000)
        self.assertEqual(self.server.hits["/rate-limited"], 1)
