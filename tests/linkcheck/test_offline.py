"""DNS failures: an unknown host is broken only once confirmed; an offline run changes nothing.

Every name goes through a fake resolver (the loopback server answers for the names that
resolve), so these tests behave the same on a machine with or without working DNS.
"""

import json
import socket
from datetime import timedelta
from functools import partial
from io import StringIO
from unittest import mock

from aiohttp.abc import AbstractResolver
from django.core.management import call_command
from django.db.models import F
from django.test import SimpleTestCase

from linkcheck import service
from linkcheck.checker.resolvers import StaticResolver
from linkcheck.checker.status import (
    DNS_NOT_FOUND,
    LinkResult,
    LinkStatus,
    is_dns_failure,
    network_unreachable,
)
from linkcheck.fetch import check_urls_sync
from linkcheck.models import CheckedUrl, Link, UrlCheck
from tests.factories import make_article
from tests.linkcheck.linkdata import LoopbackTestCase

HOSTS = ("journal.test", "pubmed.test", "clinic.test")


class FailingResolver(AbstractResolver):
    """A resolver that fails for every name, as on a machine with no network."""

    async def resolve(self, host, port=0, family=socket.AF_INET):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    async def close(self):
        """Nothing to release."""


class TestNetworkUnreachable(SimpleTestCase):
    """The pure rule: every host of a run failed DNS, and there were at least two."""

    def result(self, url, reason, status=LinkStatus.TEMPORARY):
        return LinkResult(url=url, status=status, reason=reason)

    def test_cases(self):
        unknown = "unknown host (DNS lookup found no address)"
        failed = "DNS lookup failed: Temporary failure in name resolution"
        cases = [
            ([("https://a.test/", unknown), ("https://b.test/", failed)], True),
            ([("https://a.test/", unknown), ("https://a.test/x", unknown)], False),  # one host
            ([("https://a.test/", unknown), ("https://b.test/", "HTTP 500: server error")], False),
            ([], False),
        ]
        for pairs, expected in cases:
            with self.subTest(pairs=pairs):
                results = [self.result(url, reason) for url, reason in pairs]
                self.assertEqual(network_unreachable(results), expected)

    def test_dns_failures_are_recognised(self):
        self.assertTrue(is_dns_failure(self.result("https://a.test/", DNS_NOT_FOUND)))
        self.assertFalse(is_dns_failure(self.result("https://a.test/", "timed out")))


class DnsTestCase(LoopbackTestCase):
    """Runs the service with a fake resolver in place of the system's."""

    def use_resolver(self, resolver):
        patcher = mock.patch.object(
            service, "check_urls_sync", partial(check_urls_sync, resolver=resolver)
        )
        patcher.start()
        self.addCleanup(patcher.stop)

    def working(self, *unknown):
        """Every host resolves to the loopback server, except the ``unknown`` ones."""
        return StaticResolver({h: "127.0.0.1" for h in HOSTS if h not in unknown})

    def url(self, host, path="/ok"):
        return f"http://{host}:{self.server.port}{path}"

    def page(self, slug, hosts=HOSTS):
        anchors = "".join(f'<a href="{self.url(h)}">{h}</a> ' for h in hosts)
        return make_article(self.index, slug, body=[("paragraph", f"<p>{anchors}</p>")])

    def statuses(self, page):
        return dict(Link.objects.filter(page=page).values_list("text", "status"))

    def check_links(self):
        out = StringIO()
        call_command("check_links", stdout=out, stderr=StringIO())
        return out.getvalue()


class TestOfflinePublish(DnsTestCase):
    def test_publishing_offline_changes_no_status_and_says_why(self):
        self.use_resolver(FailingResolver())
        with self.captureOnCommitCallbacks(execute=True):
            page = self.page("offline")
        self.assertEqual(self.statuses(page), dict.fromkeys(HOSTS, "pending"))
        self.assertFalse(UrlCheck.objects.exists())
        summary = service.check_object(page)
        self.assertIn("could not reach the network", summary.as_dict()["network_error"])
        # The leases are given back, so the next run (back online) checks them at once.
        self.assertFalse(CheckedUrl.objects.filter(claimed_until__isnull=False).exists())


class TestOfflineRun(DnsTestCase):
    def test_an_offline_whole_site_run_reports_it_and_keeps_statuses(self):
        page = self.page("ran-online")
        self.use_resolver(self.working())
        self.check_links()
        self.assertEqual(self.statuses(page), dict.fromkeys(HOSTS, "ok"))
        CheckedUrl.objects.update(next_check_at=F("last_checked_at"))  # all due again
        checks = UrlCheck.objects.count()

        self.use_resolver(FailingResolver())
        out = self.check_links()
        self.assertIn("could not reach the network", out)
        self.assertEqual(self.statuses(page), dict.fromkeys(HOSTS, "ok"))
        self.assertEqual(UrlCheck.objects.count(), checks)

    def test_json_output_says_so_too(self):
        self.page("json-offline")
        self.use_resolver(FailingResolver())
        out = StringIO()
        call_command("check_links", "--json", stdout=out, stderr=StringIO())
        self.assertIn("could not reach the network", json.loads(out.getvalue())["network_error"])


class TestUnknownHost(DnsTestCase):
    def test_an_unknown_host_is_broken_only_once_confirmed(self):
        page = self.page("unknown-host")
        self.use_resolver(self.working("clinic.test"))
        self.check_links()
        self.assertEqual(
            self.statuses(page),
            {"journal.test": "ok", "pubmed.test": "ok", "clinic.test": "temporary"},
        )
        # Later checks, a day apart from the first, still find no address: now it is broken.
        for _ in range(2):
            UrlCheck.objects.update(checked_at=F("checked_at") - timedelta(hours=12))
            CheckedUrl.objects.update(
                failing_since=F("failing_since") - timedelta(hours=12),
                next_check_at=F("last_checked_at") - timedelta(hours=12),
            )
            self.check_links()
        link = Link.objects.get(page=page, text="clinic.test")
        self.assertEqual(link.status, "broken")
        self.assertIn("unknown host", link.reason)


class TestFreshDemoOffline(DnsTestCase):
    """The issue's report: a fresh demo on a machine whose resolver fails showed "Broken 13"."""

    def test_a_fresh_demo_shows_no_broken_links_when_every_lookup_fails(self):
        call_command("load_demo", stdout=StringIO())
        self.use_resolver(StaticResolver({}))  # NXDOMAIN for every name, as offline resolvers say
        out = self.check_links()
        self.assertIn("could not reach the network", out)
        self.assertFalse(Link.objects.filter(status="broken").exists())
        self.client.force_login(self.superuser())
        dashboard = self.client.get("/admin/")
        self.assertNotContains(dashboard, "linkcheck-summary-broken")

    def superuser(self):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_superuser=True).first()
