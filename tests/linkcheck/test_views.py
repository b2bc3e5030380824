"""The Link health report, its fixes through the admin, the editor warning and the dashboard."""

import csv
import io

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry, Revision
from wagtail.test.utils import WagtailTestUtils

from linkcheck import fixes
from linkcheck.links import sync_links
from linkcheck.models import CheckedUrl, Link
from tests.factories import make_article, make_author, make_site

BROKEN = "https://gone.example.org/paper"
MOVED = "https://old.example.org/guide"
NEW = "https://new.example.org/guide"


def set_status(url, status, **fields):
    checked = CheckedUrl.objects.get(url=url)
    for name, value in {"status": status, **fields}.items():
        setattr(checked, name, value)
    checked.save()
    Link.objects.filter(checked_url=checked).update(status=status, reason=f"{status} for test")


class LinkHealthTestCase(WagtailTestUtils, TestCase):
    """A site with an author, an article with problem links and a same-site URL."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.target = make_article(cls.index, "target")
        cls.author = make_author("ana", website="https://ana.example.org/")
        cls.other_author = make_author("bo")
        body = [
            (
                "paragraph",
                f'<p>See <a href="{BROKEN}">the <b>paper</b></a> and <a href="{MOVED}">guide</a>.</p>',
            ),
            ("paragraph", '<p>Our <a href="http://localhost/blog/target/">target post</a>.</p>'),
            (
                "citations",
                {
                    "heading": "Refs",
                    "items": [
                        {
                            "authors": "",
                            "title": "T",
                            "publisher": "",
                            "year": 2020,
                            "doi": "",
                            "pmid": "",
                            "url": MOVED,
                        }
                    ],
                },
            ),
        ]
        cls.page = make_article(cls.index, "post", body=body, authors=[cls.author])
        sync_links(cls.page)
        sync_links(cls.author)
        set_status(BROKEN, "broken", http_status=404)
        set_status(MOVED, "redirected", http_status=200, suggested_url=NEW)
        set_status("https://ana.example.org/", "unverifiable", http_status=403)

    def setUp(self):
        self.user = self.login()

    def link(self, **filters):
        return Link.objects.get(page=self.page, **filters)

    def report(self, **params):
        return self.client.get(reverse("linkcheck:report"), params)


class TestReport(LinkHealthTestCase):
    """Every problem link, filterable, exportable, in a fixed number of queries."""

    def rows(self, response):
        return [
            (link.owner_label, link.text, link.status) for link in response.context["object_list"]
        ]

    def test_problem_links_are_listed(self):
        response = self.report()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            sorted(self.rows(response)),
            [
                ("Ana (author)", "website", "unverifiable"),
                ("Post", "T", "redirected"),
                ("Post", "guide", "redirected"),
                ("Post", "target post", "ok"),  # same-site URL: offered as a page link
                ("Post", "the paper", "broken"),
            ],
        )
        self.assertContains(response, "HTTP 404")
        self.assertContains(
            response, reverse("linkcheck:unlink", args=[self.link(text="the paper").pk])
        )

    def test_filters(self):
        cases = [
            ({"status": "broken"}, {"the paper"}),
            ({"host": "old.example"}, {"guide", "T"}),
            ({"author": self.other_author.pk}, set()),
            ({"author": self.author.pk}, {"the paper", "guide", "T", "target post", "website"}),
            ({"issue": "same_site_url"}, {"target post"}),
            ({"page": self.page.pk, "status": "redirected"}, {"guide", "T"}),
        ]
        for params, texts in cases:
            with self.subTest(params=params):
                response = self.report(**params)
                self.assertEqual({link.text for link in response.context["object_list"]}, texts)

    def test_ignored_links_drop_out(self):
        Link.objects.filter(text="the paper").update(ignored=True)
        self.assertNotIn("the paper", {link.text for link in self.report().context["object_list"]})

    def test_csv_export(self):
        response = self.report(export="csv", status="broken")
        self.assertEqual(response["Content-Type"], "text/csv")
        content = (
            b"".join(response.streaming_content).decode()
            if response.streaming
            else response.content.decode()
        )
        rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(rows[0][:5], ["Page or author", "Version", "Where", "Anchor text", "Link"])
        self.assertEqual(
            rows[1][:7], ["Post", "live", "Body › Paragraph", "the paper", BROKEN, "broken", ""]
        )
        self.assertEqual(rows[1][7], "404")

    def test_where_reads_as_the_editor_labels(self):
        response = self.report(status="broken")
        self.assertContains(response, "Body › Paragraph")
        self.assertNotContains(response, "0.paragraph")

    def test_query_count_does_not_grow_with_rows(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.report().status_code, 200)
            return len(queries)

        small = count()
        for n in range(6):
            url = f"https://more{n}.example.org/"
            page = make_article(
                self.index, f"more-{n}", body=[("paragraph", f'<p><a href="{url}">m</a></p>')]
            )
            sync_links(page)
            set_status(url, "broken")
        with self.assertNumQueries(small):
            self.assertEqual(len(self.report().context["object_list"]), 11)

    def test_history_is_shown_on_the_link_page(self):
        from linkcheck import service
        from linkcheck.checker.status import LinkResult, LinkStatus

        checked = CheckedUrl.objects.get(url=BROKEN)
        service.record_result(
            checked,
            LinkResult(
                url=BROKEN, status=LinkStatus.BROKEN, http_status=410, reason="HTTP 410: gone"
            ),
        )
        response = self.client.get(reverse("linkcheck:link", args=[self.link(text="the paper").pk]))
        self.assertContains(response, "HTTP 410: gone")
        self.assertContains(response, 'class="linkcheck-check"', count=1)

    def test_editors_see_only_what_they_can_edit(self):
        editors = Group.objects.create(name="Blog editors")
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(
            group=editors,
            page=self.target,
            permission=Permission.objects.get(codename="change_page"),
        )
        user = self.create_user("scoped", password="pw")
        user.groups.add(editors)
        self.client.force_login(user)
        self.assertEqual(
            list(self.report().context["object_list"]), []
        )  # no author rights, not this page
        GroupPagePermission.objects.create(
            group=editors, page=self.page, permission=Permission.objects.get(codename="change_page")
        )
        self.assertEqual(len(self.report().context["object_list"]), 4)

    def test_report_needs_page_permissions(self):
        user = self.create_user("nobody", password="pw")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        self.client.force_login(user)
        self.assertEqual(self.report().status_code, 302)  # redirected away: no permission


class TestActions(LinkHealthTestCase):
    """Each fix is a POST that makes a revision with an audit entry that can be reverted."""

    def post(self, name, link, **data):
        return self.client.post(
            reverse(f"linkcheck:{name}", args=[link.pk]), {"next": "/admin/", **data}
        )

    def entry(self, action):
        return PageLogEntry.objects.filter(page=self.page, action=action).latest("pk")

    def body_html(self):
        self.page.refresh_from_db()
        return str(self.page.body.raw_data)

    def revert(self, entry):
        Revision.objects.get(pk=entry.data["revision_before"]).publish()
        return self.body_html()

    def test_unlink_keeps_the_text(self):
        response = self.post("unlink", self.link(text="the paper"))
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        html = self.body_html()
        self.assertNotIn(BROKEN, html)
        self.assertIn("See the <b>paper</b> and", html)
        entry = self.entry(fixes.UNLINK)
        self.assertEqual((entry.user, entry.data["url"]), (self.user, BROKEN))
        self.assertIsNotNone(entry.revision_id)
        self.assertIn(BROKEN, self.revert(entry))

    def test_replace_with_the_redirect_target_in_one_click(self):
        self.post("replace", self.link(text="guide"))  # no URL given: the suggested one
        html = self.body_html()
        self.assertNotIn(MOVED, html)
        self.assertEqual(html.count(NEW), 2)  # the anchor and the citation URL in the same field
        entry = self.entry(fixes.REPLACE_URL)
        self.assertEqual(entry.data["new_url"], NEW)
        self.assertEqual(self.revert(entry).count(MOVED), 2)

    def test_replace_with_a_typed_url(self):
        self.post("replace", self.link(text="the paper"), url="https://found.example.org/paper")
        self.assertIn('href="https://found.example.org/paper"', self.body_html())

    def test_replace_rejects_a_bad_url(self):
        response = self.post("replace", self.link(text="the paper"), url="javascript:alert(1)")
        self.assertIn(BROKEN, self.body_html())
        self.assertFalse(PageLogEntry.objects.filter(action=fixes.REPLACE_URL).exists())
        self.assertEqual(response.status_code, 302)

    def test_convert_same_site_url_to_page_link(self):
        self.post("convert", self.link(text="target post"))
        self.assertIn(
            f'<a linktype=\\"page\\" id=\\"{self.target.pk}\\">target post</a>'.replace("\\", ""),
            self.body_html(),
        )
        self.assertEqual(self.link(text="target post").kind, "page")
        self.assertIn("http://localhost/blog/target/", self.revert(self.entry(fixes.CONVERT)))

    def test_fix_on_an_author_revises_the_author(self):
        link = Link.objects.get(author=self.author)
        self.post("replace", link, url="https://ana-clinic.example.org/")
        self.author.refresh_from_db()
        self.assertEqual(self.author.website, "https://ana-clinic.example.org/")
        self.assertTrue(self.author.revisions.count() >= 2)

    def test_ignore_with_a_reason(self):
        link = self.link(text="the paper")
        self.post("ignore", link, reason="archived elsewhere")
        link.refresh_from_db()
        self.assertEqual(
            (link.ignored, link.ignored_reason, link.ignored_by),
            (True, "archived elsewhere", self.user),
        )
        self.assertTrue(PageLogEntry.objects.filter(page=self.page, action=fixes.IGNORE).exists())

    def test_ignore_needs_a_reason(self):
        link = self.link(text="the paper")
        self.post("ignore", link, reason=" ")
        link.refresh_from_db()
        self.assertFalse(link.ignored)

    def test_recheck_resolves_again(self):
        link = self.link(text="target post")
        self.target.unpublish()
        self.post("recheck", link)
        self.assertEqual(self.link(text="target post").status, "broken")

    def test_actions_are_post_only(self):
        link = self.link(text="the paper")
        for name in ("recheck", "unlink", "replace", "convert", "ignore"):
            with self.subTest(name=name):
                response = self.client.get(reverse(f"linkcheck:{name}", args=[link.pk]))
                self.assertEqual(response.status_code, 405)

    def test_actions_need_a_csrf_token(self):
        self.client.logout()
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.user)
        response = client.post(reverse("linkcheck:unlink", args=[self.link(text="the paper").pk]))
        self.assertEqual(response.status_code, 403)
        self.assertIn(BROKEN, self.body_html())

    def test_editors_without_publish_permission_cannot_change_live_content(self):
        editors = Group.objects.create(name="Link editors")
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(
            group=editors, page=self.home, permission=Permission.objects.get(codename="change_page")
        )
        user = self.create_user("editor", password="pw")
        user.groups.add(editors)
        self.client.force_login(user)
        link = self.link(text="the paper")
        response = self.post("unlink", link)
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertIn(BROKEN, self.body_html())
        self.assertFalse(PageLogEntry.objects.filter(action=fixes.UNLINK).exists())
        # Rechecking and ignoring change no content: editing rights are enough.
        self.assertEqual(self.post("ignore", link, reason="fine").status_code, 302)


class TestEditorAndDashboard(LinkHealthTestCase):
    """The page editor warns about the page's problems; the dashboard sums them up."""

    def test_editor_shows_the_page_link_problems(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))
        self.assertContains(response, "This page has 4 link problems.")
        self.assertContains(response, reverse("linkcheck:report") + f"?page={self.page.pk}")

    def test_author_editor_shows_the_profile_link_problems(self):
        response = self.client.get(
            reverse("wagtailsnippets_blog_author:edit", args=[self.author.pk])
        )
        self.assertContains(response, "This author profile has 1 link problem.")
        self.assertContains(response, reverse("linkcheck:report") + f"?author={self.author.pk}")
        response = self.client.get(
            reverse("wagtailsnippets_blog_author:edit", args=[self.other_author.pk])
        )
        self.assertNotContains(response, "link problem")

    def test_editor_is_quiet_for_a_healthy_page(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.target.pk]))
        self.assertNotContains(response, "link problem")
        # The header still offers the page's link report.
        self.assertContains(response, reverse("linkcheck:report") + f"?page={self.target.pk}")

    def test_run_summary_counts_internal_changes(self):
        from linkcheck import service

        self.target.unpublish()
        summary = service.run(page_id=self.page.pk, external=False)
        self.assertEqual((summary.objects, summary.internal_changed), (1, 1))

    def test_dashboard_summarises_by_status(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, 'id="link-health-section"')
        self.assertContains(response, 'class="linkcheck-summary-broken"')
        self.assertContains(response, f"{reverse('linkcheck:report')}?status=redirected")

    def test_reports_menu_lists_link_health(self):
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("linkcheck:report"))
