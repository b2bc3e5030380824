"""The check_links command: the full run, one URL as JSON, and clear errors."""

import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import override_settings

from linkcheck.links import sync_links
from linkcheck.models import CheckedUrl, Link, UrlCheck
from tests.factories import make_article
from tests.linkcheck.linkdata import LoopbackTestCase

KEYS = ["url", "status", "http_status", "final_url", "reason"]


class TestCheckLinksCommand(LoopbackTestCase):
    """Runs against a loopback server started here."""

    def call(self, *args):
        out, err = StringIO(), StringIO()
        call_command("check_links", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def url_json(self, path):
        out, _err = self.call("--url", self.server.url(path), "--json")
        return json.loads(out)

    def test_url_json_has_exactly_the_five_keys(self):
        cases = [
            ("/ok", "ok", 200, None),
            ("/301", "redirected", 200, "/ok"),
            ("/missing", "broken", 404, None),
            ("/forbidden", "unverifiable", 403, None),
            ("/error", "temporary", 500, None),
        ]
        for path, status, http_status, final in cases:
            with self.subTest(path=path):
                data = self.url_json(path)
                self.assertEqual(list(data), KEYS)
                self.assertEqual(data["url"], self.server.url(path))
                self.assertEqual((data["status"], data["http_status"]), (status, http_status))
                self.assertEqual(data["final_url"], self.server.url(final) if final else None)
                self.assertTrue(data["reason"])

    def test_url_output_is_one_json_object(self):
        out, _err = self.call("--url", self.server.url("/ok"), "--json")
        self.assertEqual(out.count("\n"), 1)
        json.loads(out)

    def test_url_outside_the_allowlist_is_refused(self):
        with override_settings(SKINCARE_LINKCHECK_ALLOWLIST=[]):
            data = self.url_json("/ok")
        self.assertEqual((data["status"], data["http_status"]), ("refused", None))
        self.assertEqual(self.server.total_hits, 0)

    def test_allowlist_can_be_comma_separated_as_in_the_environment(self):
        with override_settings(SKINCARE_LINKCHECK_ALLOWLIST="127.0.0.1/32"):
            self.assertEqual(self.url_json("/ok")["status"], "ok")
        with override_settings(SKINCARE_LINKCHECK_ALLOWLIST=""):
            self.assertEqual(self.url_json("/ok")["status"], "refused")

    def test_url_of_a_used_link_is_recorded(self):
        page = make_article(
            self.index,
            "p",
            body=[("paragraph", f'<p><a href="{self.server.url("/gone")}">g</a></p>')],
        )
        sync_links(page)
        self.url_json("/gone")
        self.assertEqual(Link.objects.get(page=page).status, "broken")
        self.url_json("/ok")  # not used by any page: checked but not stored
        self.assertFalse(CheckedUrl.objects.filter(url=self.server.url("/ok")).exists())

    def test_bad_input_is_a_command_error(self):
        cases = [
            (("--url", "not a url"), "not an http(s) URL"),
            (("--url", "ftp://example.org/file"), "not an http(s) URL"),
            (("--url", "http://"), "has no host"),
            (("--page", "999999"), "no page with id 999999"),
            (("--url", "https://example.org/", "--page", "3"), "cannot be combined"),
        ]
        for args, message in cases:
            with self.subTest(args=args), self.assertRaisesMessage(CommandError, message):
                self.call(*args)

    def test_internal_and_external_only_exclude_each_other(self):
        with self.assertRaises(CommandError):
            self.call("--internal-only", "--external-only")

    def test_full_run_checks_everything_due_and_reports_json(self):
        body = [
            (
                "paragraph",
                "".join(
                    f'<p><a href="{self.server.url(p)}">{p}</a></p>' for p in ("/ok", "/missing")
                ),
            )
        ]
        page = make_article(self.index, "run", body=body)
        out, err = self.call("--json")
        data = json.loads(out)
        self.assertEqual(data["urls_checked"], 2)
        self.assertEqual(data["statuses"], {"broken": 1, "ok": 1})
        self.assertIn("Fetching", err)  # the progress bar goes to stderr
        self.assertEqual(
            dict(Link.objects.filter(page=page).values_list("text", "status")),
            {"/ok": "ok", "/missing": "broken"},
        )
        # A second run finds nothing due.
        out, _err = self.call("--json")
        self.assertEqual(json.loads(out)["urls_checked"], 0)
        self.assertEqual(UrlCheck.objects.count(), 2)

    def test_page_option_limits_the_run(self):
        mine = make_article(
            self.index,
            "mine",
            body=[("paragraph", f'<p><a href="{self.server.url("/ok")}">a</a></p>')],
        )
        make_article(
            self.index,
            "other",
            body=[("paragraph", f'<p><a href="{self.server.url("/gone")}">b</a></p>')],
        )
        out, _err = self.call("--page", str(mine.pk), "--json")
        self.assertEqual(json.loads(out)["objects"], 1)
        self.assertEqual((self.server.hits["/ok"] > 0, self.server.hits["/gone"]), (True, 0))

    def test_internal_only_fetches_nothing(self):
        make_article(
            self.index,
            "i",
            body=[("paragraph", f'<p><a href="{self.server.url("/ok")}">a</a></p>')],
        )
        out, _err = self.call("--internal-only", "--json")
        self.assertEqual(json.loads(out)["urls_checked"], 0)
        self.assertEqual(self.server.total_hits, 0)

    def test_external_only_uses_stored_links(self):
        page = make_article(
            self.index,
            "e",
            body=[("paragraph", f'<p><a href="{self.server.url("/ok")}">a</a></p>')],
        )
        out, _err = self.call("--external-only", "--json")
        self.assertEqual(json.loads(out)["urls_checked"], 0)  # never extracted yet
        sync_links(page)
        out, _err = self.call("--external-only", "--json")
        self.assertEqual(json.loads(out)["urls_checked"], 1)

    def test_human_output(self):
        out, _err = self.call("--url", self.server.url("/missing"))
        self.assertIn("broken: " + self.server.url("/missing"), out)
        self.assertIn("HTTP 404", out)
