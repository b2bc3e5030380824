"""The fetcher against loopback servers: retries, backoff and Retry-After."""

from django.test import override_settings

from tests.linkcheck.loopback import (
    FAST,
    OK,
    TEMPORARY,
    UNVERIFIABLE,
    ServerTestCase,
    recording_gates,
)


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
        # The gate holds the host for the seconds the server asked (TestHostGate shows that a
        # deferral holds back every later start), and the retry goes through that gate.
        with recording_gates() as gates:
            result = self.check("/rate-once")
        self.assertEqual(result.status, OK, result.reason)
        self.assertEqual(self.server.hits["/rate-once"], 2)
        (gate,) = gates
        self.assertEqual(gate.deferrals, [(self.server.host, 1.0)])
        self.assertEqual(gate.granted, [self.server.host] * 2)

    def test_retry_after_beyond_the_cap_is_reported_not_waited_for(self):
        with recording_gates() as gates:
            result = self.check("/rate-limited?after=120")
        self.assertEqual(result.status, UNVERIFIABLE)
        self.assertIn("Retry-After 120 s", result.reason)
        self.assertEqual(self.server.hits["/rate-limited"], 1)
        self.assertEqual(gates[0].deferrals, [])  # the host is not held back either
