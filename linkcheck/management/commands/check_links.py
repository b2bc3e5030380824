"""Check every link that is due, or one URL: a thin command around linkcheck.service."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from linkcheck import service
from linkcheck.management.progress import ProgressBar

PHASES = {"extract": "Extracting", "fetch": "Fetching  "}


class Command(BaseCommand):
    help = (
        "Re-extract links, resolve internal ones and fetch every external URL whose next check "
        "is due. Safe to run from cron: overlapping runs never fetch the same URL. With --url, "
        "check one URL and print the result."
    )

    def add_arguments(self, parser):
        parser.add_argument("--page", type=int, help="Only the links of the page with this id.")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--internal-only",
            action="store_true",
            help="Extract links and resolve internal ones; fetch nothing.",
        )
        scope.add_argument(
            "--external-only",
            action="store_true",
            help="Fetch due external URLs from the stored links; skip re-extraction.",
        )
        parser.add_argument(
            "--url",
            help="Check this one URL through the same fetcher and safety rules, then stop.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the result as one JSON object."
        )

    def handle(self, *args, **options):
        if options["url"] is not None:
            if options["page"] is not None or options["internal_only"] or options["external_only"]:
                raise CommandError(
                    "--url checks one URL: it cannot be combined with --page or --*-only."
                )
            self._check_url(options["url"], as_json=options["json"])
            return
        page_id = options["page"]
        if page_id is not None and not Page.objects.filter(pk=page_id, depth__gt=1).exists():
            raise CommandError(f"There is no page with id {page_id}.")
        progress = ProgressBar(self.stderr)
        summary = service.run(
            page_id=page_id,
            internal=not options["external_only"],
            external=not options["internal_only"],
            progress=lambda phase, done, total: progress.update(
                done, total, PHASES.get(phase, phase)
            ),
        )
        progress.finish()
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), sort_keys=True))
            return
        self.stdout.write(
            f"{summary.objects} pages and authors scanned, {summary.links} links, "
            f"{summary.internal_changed} internal links changed status, "
            f"{summary.urls_checked} URLs fetched."
        )
        for status, count in sorted(summary.statuses.items()):
            self.stdout.write(f"  {status}: {count}")
        if summary.network_error:
            self.stdout.write(self.style.WARNING(summary.network_error))

    def _check_url(self, url: str, *, as_json: bool) -> None:
        try:
            result = service.probe_url(url)
        except service.InvalidUrl as err:
            raise CommandError(f"Not a URL the checker can look at: {err}") from err
        data = result.as_dict()
        if as_json:
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(f"{data['status']}: {data['url']}")
        if data["http_status"] is not None:
            self.stdout.write(f"  HTTP {data['http_status']}")
        if data["final_url"]:
            self.stdout.write(f"  ends at {data['final_url']}")
        if data["reason"]:
            self.stdout.write(f"  {data['reason']}")
