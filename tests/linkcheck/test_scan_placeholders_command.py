"""The scan_placeholders command: a thin reader and printer around the pure engine."""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase

from linkcheck.management.commands.scan_placeholders import Command

SPAM = (
    "<p>Rinse with lukewarm water. Dive deeper into the subject by visiting this external "
    "resource we’ve selected for you.</p>"
    '<p>See <a href="#">our chart</a>.</p>'
)
CLEAN = '<p>Sunscreen every morning, <a href="https://www.aad.org/">as the AAD advises</a>.</p>'


class TestScanPlaceholdersCommand(SimpleTestCase):
    """Reading a fragment, printing findings, and failing clearly on bad input."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="scan-placeholders-"))

    def write(self, name: str, data: bytes | str) -> str:
        path = self.dir / name
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return str(path)

    def call(self, *args, **kwargs) -> str:
        out = StringIO()
        call_command("scan_placeholders", *args, stdout=out, **kwargs)
        return out.getvalue()

    def test_json_prints_exactly_one_object_with_the_documented_keys(self):
        output = self.call(self.write("spam.html", SPAM), "--json")
        data = json.loads(output)  # raises if anything else was printed
        self.assertEqual(set(data), {"findings", "cleaned_html"})
        self.assertEqual(
            [(f["kind"], f["action"]) for f in data["findings"]],
            [("promo_sentence", "removed"), ("placeholder_link", "unwrapped")],
        )
        self.assertTrue(
            all(set(f) == {"kind", "action", "text", "href", "reason"} for f in data["findings"])
        )
        self.assertEqual(
            data["cleaned_html"], "<p>Rinse with lukewarm water.</p><p>See our chart.</p>"
        )

    def test_human_output_names_each_finding_and_shows_the_cleaned_html(self):
        output = self.call(self.write("spam.html", SPAM))
        self.assertIn("2 findings:", output)
        self.assertIn("[removed] promo_sentence:", output)
        self.assertIn("[unwrapped] placeholder_link: 'our chart' -> #", output)
        self.assertIn(
            "Cleaned HTML:\n<p>Rinse with lukewarm water.</p><p>See our chart.</p>", output
        )

    def test_clean_fragment_is_reported_unchanged(self):
        output = self.call(self.write("clean.html", CLEAN))
        self.assertIn("No placeholder spam found.", output)
        self.assertIn(CLEAN, output)

    def test_reads_standard_input_with_a_dash(self):
        output = self.call("-", "--json", stdin=StringIO(SPAM))
        self.assertEqual(len(json.loads(output)["findings"]), 2)

    def test_page_url_and_site_host_reach_the_engine(self):
        html = '<p>Back to <a href="/blog/spf/">this page</a> and <a href="https://skinnotes.com/x/">Read this helpful article</a>.</p>'
        path = self.write("self.html", html)
        data = json.loads(
            self.call(
                path,
                "--json",
                "--page-url",
                "https://skinnotes.com/blog/spf/",
                "--site-host",
                "skinnotes.com",
            )
        )
        self.assertEqual([f["text"] for f in data["findings"]], ["this page"])

    def test_unreadable_input_raises_a_clear_command_error(self):
        cases = {
            "missing": (str(self.dir / "nope.html"), "No such file"),
            "directory": (str(self.dir), "is a directory"),
            "not utf-8": (
                self.write("latin.html", "<p>caf\xe9</p>".encode("latin-1")),
                "not UTF-8",
            ),
        }
        for name, (path, message) in cases.items():
            with self.subTest(name), self.assertRaisesMessage(CommandError, message) as caught:
                self.call(path)
            self.assertIsNotNone(caught.exception.__cause__)

    def test_every_flag_has_help(self):
        parser = Command().create_parser("manage.py", "scan_placeholders")
        own = [a for a in parser._actions if a.dest in {"path", "json", "page_url", "site_host"}]
        self.assertEqual(len(own), 4)
        self.assertTrue(all(action.help for action in own))
