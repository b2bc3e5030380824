"""One malformed link (``http://[oops]/``) is recorded as invalid and affects nothing else."""

import json
from io import StringIO

from django.core.management import call_command
from django.test import SimpleTestCase

from linkcheck.extract import Kind, richtext_links, url_error
from linkcheck.models import Link
from linkcheck.tasks import PAGE, check_object_links
from tests.factories import make_article
from tests.linkcheck.linkdata import LoopbackTestCase

MALFORMED = "http://[oops]/"


class TestUrlError(SimpleTestCase):
    """The pure rule: which URLs cannot be parsed, and why, in an editor's words."""

    def test_reasons(self):
        cases = [
            (MALFORMED, "Malformed URL: invalid IPv6 address"),
            ("http://[::1/", "Malformed URL: invalid IPv6 address"),
            ("https://example.org:99999/", "Malformed URL: invalid port"),
            ("https://example.org/ok", ""),
            ("https://[2001:db8::1]/ok", ""),
            ("/a/path/on/this/site", ""),
        ]
        for url, reason in cases:
            with self.subTest(url=url):
                self.assertEqual(url_error(url), reason)

    def test_extraction_keeps_the_malformed_link(self):
        html = f'<p><a href="{MALFORMED}">oops</a> <a href="https://ok.example/">ok</a></p>'
        found = list(richtext_links(html, field="body"))
        self.assertEqual(
            [(f.kind, f.url) for f in found],
            [(Kind.EXTERNAL, MALFORMED), (Kind.EXTERNAL, "https://ok.example/")],
        )


class TestMalformedLinkInAFlow(LoopbackTestCase):
    """The publish task and the whole-site run record it as invalid and check the others.

    Saving sanitises rich text now (pages.signal_handlers), so the malformed href is written the
    way content stored before that, or by a bulk import, would have it: bypassing save().
    """

    def paragraph(self):
        anchors = (
            f'<a href="{self.server.url("/ok")}">fine</a> '
            f'<a href="{MALFORMED}">oops</a> '
            f'<a href="{self.server.url("/missing")}">gone</a>'
        )
        return {"type": "paragraph", "value": f"<p>{anchors}</p>", "id": "p1"}

    def legacy_page(self, slug):
        page = make_article(self.index, slug)
        type(page).objects.filter(pk=page.pk).update(body=[self.paragraph()])
        return page

    def statuses(self, page):
        return dict(Link.objects.filter(page=page).values_list("text", "status"))

    def test_the_publish_task_records_it_as_invalid(self):
        page = self.legacy_page("malformed-task")
        result = check_object_links.enqueue(kind=PAGE, object_id=page.pk)
        self.assertEqual(result.status, "SUCCESSFUL")
        self.assertEqual(self.statuses(page), {"fine": "ok", "oops": "invalid", "gone": "broken"})
        link = Link.objects.get(page=page, text="oops")
        self.assertEqual(link.reason, "Malformed URL: invalid IPv6 address")
        self.assertIsNone(link.checked_url)

    def test_the_whole_site_run_checks_everything_else(self):
        bad = self.legacy_page("malformed-run")
        good = make_article(
            self.index,
            "good-run",
            body=[("paragraph", f'<p><a href="{self.server.url("/ok")}">also fine</a></p>')],
        )
        out = StringIO()
        call_command("check_links", "--json", stdout=out, stderr=StringIO())
        self.assertEqual(json.loads(out.getvalue())["urls_checked"], 2)
        self.assertEqual(self.statuses(bad), {"fine": "ok", "oops": "invalid", "gone": "broken"})
        self.assertEqual(self.statuses(good), {"also fine": "ok"})
