"""Fixing a link from the admin: unlink, replace, convert, ignore and recheck, each revertable."""

from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry, Revision

from linkcheck import fixes
from linkcheck.models import Link

from .linkhealth import BROKEN, MOVED, NEW, LinkHealthTestCase


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
