"""Link checking as a service: run checks on what is due, one object or one URL.

The command, the publish task and the admin's "recheck" all go through here: it claims what is
due (claims.py), fetches through the engine (fetch.py) and records each result (results.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from blog.models import Author
from linkcheck.checker.status import LinkResult, network_unreachable
from linkcheck.claims import claim, due_urls, release, stale_urls_of
from linkcheck.conf import service_setting
from linkcheck.fetch import check_url, check_urls_sync
from linkcheck.links import sync_links, url_key
from linkcheck.models import CheckedUrl, Link
from linkcheck.results import record_result

Progress = Callable[[int, int], object]


@dataclass
class RunSummary:
    """What one run did."""

    objects: int = 0
    links: int = 0
    internal_changed: int = 0
    urls_checked: int = 0
    statuses: Counter = field(default_factory=Counter)
    network_error: str = ""  # set when the run stopped because the network looked unreachable

    def as_dict(self) -> dict[str, Any]:
        return {
            "objects": self.objects,
            "links": self.links,
            "internal_changed": self.internal_changed,
            "urls_checked": self.urls_checked,
            "statuses": dict(sorted(self.statuses.items())),
            "network_error": self.network_error,
        }


class NetworkUnreachable(Exception):
    """Every host of a batch failed DNS: the machine is offline, not the links broken."""


def check_claimed(urls: list[CheckedUrl], *, progress: Progress | None = None) -> list[CheckedUrl]:
    """Fetch claimed URLs through the engine and record each result."""
    if not urls:
        return []
    by_url = {u.url: u for u in urls}
    try:
        results = check_urls_sync(list(by_url))
    except BaseException:
        release(urls)
        raise
    if network_unreachable(results):
        release(urls)
        hosts = len({u.host for u in urls})
        raise NetworkUnreachable(
            f"The link checker could not reach the network: DNS lookups failed for all {hosts} "
            "hosts, so no link statuses were changed. Check the machine's DNS and run again."
        )
    recorded = []
    for done, result in enumerate(results, start=1):
        recorded.append(record_result(by_url[result.url], result))
        if progress is not None:
            progress(done, len(urls))
    return recorded


def check_object(obj, *, external: bool = True) -> RunSummary:
    """Extract one object's links, resolve internal ones and fetch its unsettled URLs."""
    summary = RunSummary(objects=1)
    rows = sync_links(obj)
    summary.links = len(rows)
    if external:
        claimed = claim(stale_urls_of(obj), limit=service_setting("BATCH_SIZE"))
        try:
            for checked in check_claimed(claimed):
                summary.urls_checked += 1
                summary.statuses[checked.status] += 1
        except NetworkUnreachable as err:
            summary.network_error = str(err)
    return summary


def iter_objects(page_id: int | None = None):
    """Pages (specific) and authors whose links the checker keeps."""

    if page_id is not None:
        yield Page.objects.get(pk=page_id).specific
        return
    # Ids first, then small batches: no cursor stays open while links are written (SQLite).
    page_ids = list(Page.objects.filter(depth__gt=1).order_by("path").values_list("pk", flat=True))
    for start in range(0, len(page_ids), 100):
        chunk = page_ids[start : start + 100]
        pages = Page.objects.filter(pk__in=chunk).specific().in_bulk()
        yield from (pages[pk] for pk in chunk if pk in pages)
    author_ids = list(Author.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(author_ids), 100):
        yield from Author.objects.filter(pk__in=author_ids[start : start + 100]).order_by("pk")


def count_objects(page_id: int | None = None) -> int:

    if page_id is not None:
        return 1
    return Page.objects.filter(depth__gt=1).count() + Author.objects.count()


def run(
    *,
    page_id: int | None = None,
    internal: bool = True,
    external: bool = True,
    progress: Callable[[str, int, int], object] | None = None,
) -> RunSummary:
    """Re-extract links, re-resolve internal ones and fetch every due external URL."""
    summary = RunSummary()
    if internal:
        scope = Link.objects.exclude(kind=Link.Kind.EXTERNAL, checked_url__isnull=False)
        if page_id is not None:
            scope = scope.filter(page_id=page_id)
        before = dict(scope.values_list("pk", "status"))
        total = count_objects(page_id)
        for done, obj in enumerate(iter_objects(page_id), start=1):
            summary.objects += 1
            summary.links += len(sync_links(obj))  # resolves internal links as it goes
            if progress is not None:
                progress("extract", done, total)
        after = dict(scope.filter(pk__in=before.keys()).values_list("pk", "status"))
        summary.internal_changed = sum(1 for pk, status in after.items() if before[pk] != status)
    if external:
        now = timezone.now()
        total = due_urls(now, page_id=page_id).count()
        done = 0
        while True:
            claimed = claim(
                due_urls(now, page_id=page_id), limit=service_setting("BATCH_SIZE"), now=now
            )
            if not claimed:
                break

            def step(count: int, _batch: int, base: int = done) -> None:
                if progress is not None:
                    progress("fetch", base + count, max(total, base + count))

            try:
                recorded = check_claimed(claimed, progress=step)
            except NetworkUnreachable as err:
                summary.network_error = str(err)
                break  # later batches would only fail the same way
            for checked in recorded:
                summary.urls_checked += 1
                summary.statuses[checked.status] += 1
            done += len(claimed)
    return summary


# --- one URL ---------------------------------------------------------------------------------


class InvalidUrl(ValueError):
    """The text given is not an http(s) URL the checker can look at."""


def validate_url(url: str) -> str:
    """Return the URL stripped, or raise InvalidUrl saying what is wrong with it."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as err:
        raise InvalidUrl(f"{url!r} is not a URL: {err}") from err
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidUrl(f"{url!r} is not an http(s) URL")
    if not host:
        raise InvalidUrl(f"{url!r} has no host name")
    return url


def probe_url(url: str) -> LinkResult:
    """Check one URL through the same fetcher and rules; record it when a page uses it."""
    url = validate_url(url)
    result = check_url(url)
    tracked = CheckedUrl.objects.filter(url=url_key(url)).first()
    if tracked is not None:
        record_result(tracked, result)
    return result


def recheck_link(link: Link) -> Link:
    """Check one stored link now (the admin's "recheck"), whatever its schedule."""
    if link.checked_url_id is None:
        owner = link.owner
        sync_links(owner)
        return Link.objects.filter(pk=link.pk).first() or link
    claimed = claim(CheckedUrl.objects.filter(pk=link.checked_url_id), limit=1)
    check_claimed(claimed)
    link.refresh_from_db()
    return link


def status_summary(queryset=None) -> dict[str, int]:
    """Counts of links not ignored, by status, for the dashboard."""
    queryset = queryset if queryset is not None else Link.objects.all()
    rows = queryset.filter(ignored=False).values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}
