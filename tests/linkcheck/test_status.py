"""Pure classification of HTTP answers and errors, and Retry-After parsing."""

import socket
from datetime import UTC, datetime

from django.test import SimpleTestCase

from linkcheck.checker.status import (
    LinkResult,
    LinkStatus,
    classify_exception,
    classify_response,
    parse_retry_after,
)

OK, BROKEN = LinkStatus.OK, LinkStatus.BROKEN
UNVERIFIABLE, TEMPORARY = LinkStatus.UNVERIFIABLE, LinkStatus.TEMPORARY


class TestClassifyResponse(SimpleTestCase):
    """Status codes, headers and challenge pages map to editor-facing statuses."""

    def test_table(self):
        cf_body = b"<html><title>Just a moment...</title>"
        cases = [
            (200, {}, b"", OK),
            (204, {}, b"", OK),
            (304, {}, b"", OK),
            (301, {}, b"", UNVERIFIABLE),  # a redirect with no Location
            (400, {}, b"", UNVERIFIABLE),
            (401, {}, b"", UNVERIFIABLE),
            (403, {}, b"", UNVERIFIABLE),
            (404, {}, b"", BROKEN),
            (410, {}, b"", BROKEN),
            (429, {}, b"", UNVERIFIABLE),
            (451, {}, b"", UNVERIFIABLE),
            (999, {}, b"", UNVERIFIABLE),
            (500, {}, b"", TEMPORARY),
            (502, {}, b"", TEMPORARY),
            (503, {}, b"", TEMPORARY),
            (503, {"Server": "cloudflare"}, cf_body, UNVERIFIABLE),
            (503, {"cf-mitigated": "challenge"}, b"", UNVERIFIABLE),
            (200, {"cf-mitigated": "challenge"}, b"", UNVERIFIABLE),
            (403, {"x-datadome": "protected"}, b"", UNVERIFIABLE),
            (200, {"x-datadome": "protected"}, b"", OK),
            (200, {}, cf_body, OK),  # a page may quote a challenge; only error pages count
        ]
        for code, headers, body, expected in cases:
            with self.subTest(code=code, headers=headers, body=body):
                self.assertEqual(classify_response(code, headers, body)[0], expected)

    def test_exceptions(self):
        cases = [
            # Broken only once later checks confirm it: an offline resolver says the same.
            (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), TEMPORARY),
            (socket.gaierror(socket.EAI_AGAIN, "Temporary failure"), TEMPORARY),
            (TimeoutError(), TEMPORARY),
            (ConnectionResetError(104, "reset"), TEMPORARY),
            (RuntimeError("surprise"), TEMPORARY),
        ]
        for exc, expected in cases:
            with self.subTest(exc=exc):
                self.assertEqual(classify_exception(exc)[0], expected)

    def test_cacheable_as_final_excludes_temporary_and_unverifiable(self):
        for status in LinkStatus:
            with self.subTest(status=status):
                result = LinkResult(url="https://example.com/", status=status)
                self.assertEqual(result.cacheable_as_final, status not in (TEMPORARY, UNVERIFIABLE))


class TestParseRetryAfter(SimpleTestCase):
    """Retry-After is read as seconds or as an HTTP date."""

    def test_forms(self):
        now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
        cases = [
            ("120", 120.0),
            (" 0 ", 0.0),
            ("Sun, 01 Mar 2026 12:00:30 GMT", 30.0),
            ("Sun, 01 Mar 2026 11:00:00 GMT", 0.0),  # already past
            ("soon", None),
            ("-5", None),
            ("", None),
            (None, None),
        ]
        for value, expected in cases:
            with self.subTest(value=value):
                self.assertEqual(parse_retry_after(value, now), expected)
