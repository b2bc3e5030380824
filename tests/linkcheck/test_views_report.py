"""Where editors see link problems: the Link health report, the editor warning and the dashboard."""

import csv
import io

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission

from linkcheck.links import sync_links
from linkcheck.models import CheckedUrl, Link
from tests.factories import make_article

from .linkhealth import BROKEN, LinkHealthTestCase, set_status


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
