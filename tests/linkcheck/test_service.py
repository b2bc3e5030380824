"""Results, history and scheduling; claims that keep overlapping runs apart; checks over loopback."""

from datetime import UTC, datetime, timedelta
from unittest import mock

from django.test import TestCase, override_settings
from django.utils import timezone

from linkcheck import service
from linkcheck.checker.status import LinkResult, LinkStatus
from linkcheck.links import sync_links
from linkcheck.models import CheckedUrl, Link, UrlCheck
from tests.factories import make_article, make_site
from tests.linkcheck.linkdata import LoopbackTestCase

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def result(url, status, at, http_status=None, **extra):
    return LinkResult(
        url=url,
        status=LinkStatus(status),
        http_status=http_status,
        checked_at=at,
        reason=f"{status} at {at:%H}",
        **extra,
    )


class TestRecordResult(TestCase):
    """Each check is a history row; the status shown follows the promotion policy."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        cls.url = "https://journal.example.org/paper"
        cls.page = make_article(
            cls.index, "p", body=[("paragraph", f'<p><a href="{cls.url}">paper</a></p>')]
        )
        sync_links(cls.page)

    def setUp(self):
        self.checked = CheckedUrl.objects.get(url=self.url)

    def record(self, status, at, **extra):
        self.checked = service.record_result(self.checked, result(self.url, status, at, **extra))
        return self.checked

    def test_history_grows_and_links_follow_the_status(self):
        self.record("ok", T0, http_status=200)
        self.record("broken", T0 + timedelta(days=8), http_status=404)
        self.assertEqual(list(UrlCheck.objects.values_list("status", flat=True)), ["broken", "ok"])
        link = Link.objects.get(page=self.page)
        self.assertEqual((link.status, link.checked_at), ("broken", T0 + timedelta(days=8)))
        self.assertEqual(self.checked.http_status, 404)

    def test_next_check_follows_the_status(self):
        cases = [
            ("ok", timedelta(days=7)),
            ("broken", timedelta(days=3)),
            ("unverifiable", timedelta(days=3)),
            ("refused", timedelta(days=30)),
            ("temporary", timedelta(hours=1)),
        ]
        for status, wait in cases:
            with self.subTest(status=status):
                UrlCheck.objects.all().delete()
                self.checked.failing_since = None
                checked = self.record(status, T0)
                self.assertEqual(checked.next_check_at, T0 + wait)

    def test_temporary_becomes_broken_only_after_three_failures_over_a_day(self):
        steps = [
            (T0, "temporary"),
            (T0 + timedelta(hours=1), "temporary"),
            (T0 + timedelta(hours=5), "temporary"),  # three failures, but only 5 h apart
            (T0 + timedelta(hours=25), "temporary"),  # now spread over more than 24 h
        ]
        shown = [self.record(status, at).status for at, status in steps]
        self.assertEqual(shown, ["temporary", "temporary", "temporary", "broken"])
        self.assertEqual(self.checked.failures, 4)
        self.assertIn("failed 4 checks in a row", self.checked.reason)

    def test_a_success_ends_the_failure_streak(self):
        self.record("temporary", T0)
        self.record("temporary", T0 + timedelta(hours=12))
        checked = self.record("ok", T0 + timedelta(hours=30))
        self.assertEqual((checked.status, checked.failures, checked.failing_since), ("ok", 0, None))

    def test_permanent_redirect_keeps_the_suggested_target(self):
        checked = self.record(
            "redirected", T0, http_status=200, suggested_url="https://journal.example.org/new"
        )
        self.assertEqual(checked.suggested_url, "https://journal.example.org/new")

    @override_settings(SKINCARE_LINKCHECK_HISTORY_KEPT=3)
    def test_history_is_pruned(self):
        for hours in range(5):
            self.record("ok", T0 + timedelta(hours=hours))
        self.assertEqual(UrlCheck.objects.count(), 3)


class TestClaims(TestCase):
    """A URL claimed by one run is not handed to another until its lease ends."""

    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        body = [
            (
                "paragraph",
                "".join(f'<p><a href="https://h{i}.example.org/">{i}</a></p>' for i in range(4)),
            )
        ]
        sync_links(make_article(cls.index, "p", body=body))

    def test_overlapping_runs_split_the_due_urls(self):
        now = timezone.now()
        first = service.claim(service.due_urls(now), limit=3, now=now)
        second = service.claim(service.due_urls(now), limit=3, now=now)
        self.assertEqual((len(first), len(second)), (3, 1))
        self.assertFalse({u.pk for u in first} & {u.pk for u in second})
        self.assertEqual(service.claim(service.due_urls(now), limit=3, now=now), [])

    def test_an_expired_lease_is_claimed_again(self):
        now = timezone.now()
        service.claim(service.due_urls(now), limit=10, now=now)
        later = now + timedelta(hours=1)
        self.assertEqual(len(service.claim(service.due_urls(later), limit=10, now=later)), 4)

    def test_unused_urls_are_not_due(self):
        Link.objects.all().delete()
        self.assertFalse(service.due_urls().exists())

    def test_not_yet_due_urls_wait(self):
        CheckedUrl.objects.update(status="ok", next_check_at=timezone.now() + timedelta(days=1))
        self.assertFalse(service.due_urls().exists())


class TestCheckAgainstLoopback(LoopbackTestCase):
    """Checks go through the real fetcher to a loopback server and land in the database."""

    def page_with(self, slug, *paths):
        anchors = "".join(f'<p><a href="{self.server.url(path)}">{path}</a></p>' for path in paths)
        return make_article(self.index, slug, body=[("paragraph", anchors)])

    def test_check_object_stores_each_status(self):
        page = self.page_with("p", "/ok", "/missing", "/301", "/error")
        summary = service.check_object(page)
        got = dict(Link.objects.filter(page=page).values_list("text", "status"))
        self.assertEqual(
            got, {"/ok": "ok", "/missing": "broken", "/301": "redirected", "/error": "temporary"}
        )
        self.assertEqual(summary.urls_checked, 4)
        redirected = CheckedUrl.objects.get(url=self.server.url("/301"))
        self.assertEqual(redirected.suggested_url, self.server.url("/ok"))

    def test_settled_results_are_reused_but_unsettled_ones_are_not(self):
        page = self.page_with("p", "/ok", "/forbidden")
        service.check_object(page)
        self.server.reset()
        other = self.page_with("q", "/ok", "/forbidden")
        service.check_object(other)
        # ok is final and not due: reused; unverifiable is not cached as final: fetched again.
        self.assertEqual(self.server.hits["/ok"], 0)
        self.assertGreater(self.server.hits["/forbidden"], 0)

    def test_run_checks_only_what_is_due(self):
        page = self.page_with("p", "/ok", "/gone")
        sync_links(page)
        CheckedUrl.objects.filter(url=self.server.url("/gone")).update(
            status="broken", next_check_at=timezone.now() + timedelta(days=1)
        )
        summary = service.run(internal=False)
        self.assertEqual((summary.urls_checked, self.server.hits["/gone"]), (1, 0))

    def test_a_refused_address_is_recorded_not_fetched(self):
        with override_settings(SKINCARE_LINKCHECK_ALLOWLIST=[]):
            page = self.page_with("p", "/ok")
            service.check_object(page)
        self.assertEqual(Link.objects.get(page=page).status, "refused")
        self.assertEqual(self.server.total_hits, 0)

    def test_a_failed_fetch_releases_its_claims(self):
        page = self.page_with("p", "/ok")
        sync_links(page)
        with (
            mock.patch.object(service, "check_urls_sync", side_effect=RuntimeError("boom")),
            self.assertRaises(RuntimeError),
        ):
            service.run(internal=False)
        self.assertTrue(service.due_urls().exists())
