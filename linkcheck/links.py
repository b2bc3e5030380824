"""Persistence of found links: sync one object's links into the database and resolve internal ones.

Extraction is pure (extract.py); this module does the reads and writes around it. Rows that are
still present keep their id, status and ignore flag, so a re-sync after every publish is cheap
and does not forget what an editor decided.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from linkcheck.checker.politeness import host_key
from linkcheck.checker.status import LinkStatus
from linkcheck.extract import FoundLink, Kind, extract_links, url_error
from linkcheck.models import PENDING, CheckedUrl, Link
from linkcheck.resolve import Resolver

MAX_URL_LENGTH = 2048  # longer URLs are recorded but not fetched (and cannot be unique-indexed)


def owner_filter(obj) -> dict:
    """The Link filter for an object's rows (a page or an author)."""
    if isinstance(obj, Page):
        return {"page_id": obj.pk}
    return {"author_id": obj.pk}


def versions(obj) -> list[tuple[str, object]]:
    """The versions whose links are recorded: live, and a newer draft when there is one."""
    found: list[tuple[str, object]] = []
    if obj.live:
        found.append((Link.Version.LIVE, obj))
    if not obj.live or obj.has_unpublished_changes:
        revision = obj.latest_revision
        found.append((Link.Version.DRAFT, revision.as_object() if revision else obj))
    return found


def found_links(obj) -> list[tuple[str, FoundLink]]:
    """(version, link) for every link of obj; a draft lists only the links the live one lacks."""
    result: list[tuple[str, FoundLink]] = []
    live_keys: Counter = Counter()
    for version, instance in versions(obj):
        for link in extract_links(instance):
            if version == Link.Version.LIVE:
                live_keys[_content_key(link)] += 1
                result.append((version, link))
            elif live_keys[_content_key(link)]:
                # Also in the live version: one row is enough (paths may shift in a draft).
                live_keys[_content_key(link)] -= 1
            else:
                result.append((version, link))
    return result


def _content_key(link: FoundLink) -> tuple:
    return (link.field, link.source, link.kind, link.url, link.target_id, link.text)


def _row_key(version: str, field: str, path: str, source: str, kind: str, url, target, text):
    return (version, field, path, source, kind, url or "", target, text or "")


def url_key(url: str) -> str:
    """The URL as checked: one CheckedUrl serves every link that differs only by fragment."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment=""))


def is_public(obj) -> bool:
    """Whether readers can see obj: links from it to private pages are problems."""
    if isinstance(obj, Page):
        return bool(obj.live) and Page.objects.filter(pk=obj.pk).public().exists()
    return bool(getattr(obj, "live", True))


@transaction.atomic
def sync_links(obj) -> list[Link]:
    """Record obj's links (live and draft), keep unchanged rows, resolve internal ones."""
    obj = obj.specific if isinstance(obj, Page) else obj
    owner = owner_filter(obj)
    wanted = found_links(obj)
    existing = list(Link.objects.filter(**owner))
    by_key: dict[tuple, list[Link]] = {}
    for row in existing:
        key = _row_key(
            row.version, row.field, row.path, row.source, row.kind, row.url, _target(row), row.text
        )
        by_key.setdefault(key, []).append(row)

    kept: list[Link] = []
    new: list[Link] = []
    for version, found in wanted:
        key = _row_key(
            version,
            found.field,
            found.path,
            found.source,
            found.kind,
            found.url,
            found.target_id,
            found.text,
        )
        if by_key.get(key):
            kept.append(by_key[key].pop())
            continue
        new.append(
            Link(
                **owner,
                version=version,
                field=found.field[:100],
                path=found.path[:255],
                source=found.source,
                kind=found.kind,
                url=found.url,
                target_id=found.target_id,
                text=found.text[:500],
            )
        )
    stale = [row.pk for rows in by_key.values() for row in rows]
    if stale:
        Link.objects.filter(pk__in=stale).delete()

    # An editor's "ignore" follows the URL (or target) within the object across edits.
    ignored = {(row.kind, row.url, _target(row)): row for row in existing if row.ignored}
    for row in new:
        previous = ignored.get((row.kind, row.url, _target(row)))
        if previous is not None:
            row.ignored = True
            row.ignored_reason = previous.ignored_reason
            row.ignored_by_id = previous.ignored_by_id
            row.ignored_at = previous.ignored_at

    rows = kept + new
    resolver = Resolver(source_public=is_public(obj))
    same_site = [
        row for row in rows if row.kind == Kind.EXTERNAL and resolver.is_same_site(row.url)
    ]
    same_site_ids = {id(row) for row in same_site}
    external = [row for row in rows if row.kind == Kind.EXTERNAL and id(row) not in same_site_ids]
    _attach_checked_urls(external)
    internal = [row for row in rows if row.kind != Kind.EXTERNAL] + same_site
    resolver.apply(internal)
    Link.objects.bulk_create(new)
    changed = [row for row in kept if row.pk]
    if changed:
        Link.objects.bulk_update(
            changed,
            ["status", "issue", "reason", "checked_at", "checked_url", "target_id"],
            batch_size=500,
        )
    return rows


def _target(row: Link) -> int | None:
    # An external row's target_id is what a same-site URL resolved to, not part of its identity.
    return None if row.kind == Kind.EXTERNAL else row.target_id


def _attach_checked_urls(rows: list[Link]) -> None:
    """Point external rows at their CheckedUrl (created when new) and copy its status.

    Rows that cannot be fetched (too long, malformed) get their status here and no CheckedUrl.
    """
    checkable = []
    for row in rows:
        error = url_error(row.url)
        if error:
            row.status, row.reason = LinkStatus.INVALID, error
        elif len(row.url) > MAX_URL_LENGTH:
            row.status = LinkStatus.UNVERIFIABLE
            row.reason = f"URL longer than {MAX_URL_LENGTH} characters: not checked"
        else:
            checkable.append(row)
            continue
        row.checked_url = None
        row.issue = ""
        row.checked_at = timezone.now()
    rows = checkable
    keys = {url_key(row.url) for row in rows}
    if not keys:
        return
    known = {cu.url: cu for cu in CheckedUrl.objects.filter(url__in=keys)}
    missing = keys - known.keys()
    if missing:
        CheckedUrl.objects.bulk_create(
            [CheckedUrl(url=key, host=host_key(key)[:255]) for key in sorted(missing)],
            ignore_conflicts=True,  # another run may have created some meanwhile
        )
        known.update({cu.url: cu for cu in CheckedUrl.objects.filter(url__in=missing)})
    for row in rows:
        checked = known[url_key(row.url)]
        row.checked_url = checked
        row.issue = ""
        row.status = checked.status
        row.reason = checked.reason
        row.checked_at = checked.last_checked_at


def refresh_internal(queryset=None) -> int:
    """Re-resolve stored internal links (targets may have been deleted or unpublished since)."""
    rows = list(
        (queryset if queryset is not None else Link.objects.all())
        .exclude(kind=Kind.EXTERNAL, checked_url__isnull=False)
        .select_related("page", "author")
    )
    changed = 0
    by_public: dict[bool, list[Link]] = {}
    publics: dict[tuple, bool] = {}
    for row in rows:
        owner_key = ("page", row.page_id) if row.page_id else ("author", row.author_id)
        if owner_key not in publics:
            publics[owner_key] = is_public(row.owner)
        by_public.setdefault(publics[owner_key], []).append(row)
    for public, group in by_public.items():
        resolver = Resolver(source_public=public)
        group = [
            row for row in group if row.kind != Kind.EXTERNAL or resolver.is_same_site(row.url)
        ]
        before = {row.pk: (row.status, row.issue, row.reason, row.target_id) for row in group}
        resolver.apply(group)
        dirty = [
            row
            for row in group
            if before[row.pk] != (row.status, row.issue, row.reason, row.target_id)
        ]
        Link.objects.bulk_update(dirty, ["status", "issue", "reason", "target_id"], batch_size=500)
        # Touch the rest's check time in one query.
        Link.objects.filter(pk__in=[row.pk for row in group]).update(checked_at=timezone.now())
        changed += len(dirty)
    return changed


__all__ = ["PENDING", "Resolver", "refresh_internal", "sync_links", "url_key", "versions"]
