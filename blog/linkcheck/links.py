"""Persistence of found links: sync one object's links into the database and resolve internal ones.

Extraction is pure (extract.py); this module does the reads and writes around it. Rows that are
still present keep their id, status and ignore flag, so a re-sync after every publish is cheap
and does not forget what an editor decided.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from blog.linkcheck.extract import FoundLink, Kind, Source, extract_links
from blog.linkcheck.fetch import host_key
from blog.linkcheck.models import PENDING, CheckedUrl, Link
from blog.linkcheck.status import LinkStatus

MAX_URL_LENGTH = 2048  # longer URLs are recorded but not fetched (and cannot be unique-indexed)
Issue = Link.Issue


@dataclass(frozen=True)
class Resolution:
    """What an internal link (or a same-site URL) resolves to."""

    status: str
    issue: str = ""
    reason: str = ""
    target_id: int | None = None


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
    """Point external rows at their CheckedUrl (created when new) and copy its status."""
    long_rows = [row for row in rows if len(row.url) > MAX_URL_LENGTH]
    for row in long_rows:
        row.checked_url = None
        row.status = LinkStatus.UNVERIFIABLE
        row.reason = f"URL longer than {MAX_URL_LENGTH} characters: not checked"
    rows = [row for row in rows if len(row.url) <= MAX_URL_LENGTH]
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


class Resolver:
    """Resolves internal links and same-site URLs against pages, documents, images and sites."""

    def __init__(self, *, source_public: bool = True) -> None:
        self.source_public = source_public
        self.sites = list(Site.objects.select_related("root_page").order_by("-is_default_site"))
        self.hostnames = {site.hostname.lower() for site in self.sites}

    def is_same_site(self, url: str) -> bool:
        """Whether a URL points at one of this install's sites (or is a site-relative path)."""
        if url.startswith("/") and not url.startswith("//"):
            return True
        try:
            host = (urlsplit(url).hostname or "").rstrip(".").lower()
        except ValueError:
            return False
        return host in self.hostnames

    def apply(self, rows: Iterable[Link]) -> None:
        """Set status, issue and reason on internal rows (no save)."""
        rows = list(rows)
        if not rows:
            return
        now = timezone.now()
        resolutions = self.resolve(rows)
        for row, resolution in zip(rows, resolutions, strict=True):
            row.checked_url = None
            row.status = resolution.status
            row.issue = resolution.issue
            row.reason = resolution.reason
            row.checked_at = now
            if row.kind == Kind.EXTERNAL:
                row.target_id = resolution.target_id

    def resolve(self, rows: list[Link]) -> list[Resolution]:
        """One resolution per row, in a fixed number of queries."""
        page_ids = {row.target_id for row in rows if row.kind == Kind.PAGE}
        paths = {
            index: self._url_paths(row.url)
            for index, row in enumerate(rows)
            if row.kind == Kind.EXTERNAL
        }
        all_paths = {p for _site, candidates in paths.values() for p in candidates}
        pages = {}
        if page_ids or all_paths:
            query = Page.objects.filter(pk__in=page_ids) | Page.objects.filter(
                url_path__in=all_paths
            )
            pages = {page.pk: page for page in query.select_related("content_type")}
        by_path = {page.url_path: page for page in pages.values()}
        private = set(
            Page.objects.filter(pk__in=pages.keys()).not_public().values_list("pk", flat=True)
        )
        documents = self._files(get_document_model(), rows, Kind.DOCUMENT)
        images = self._files(get_image_model(), rows, Kind.IMAGE)

        result = []
        for index, row in enumerate(rows):
            if row.kind == Kind.PAGE:
                result.append(self._page(pages.get(row.target_id), private, row.source))
            elif row.kind == Kind.DOCUMENT:
                result.append(self._file(documents, row.target_id, Kind.DOCUMENT))
            elif row.kind == Kind.IMAGE:
                result.append(self._file(images, row.target_id, Kind.IMAGE))
            else:
                site, candidates = paths[index]
                result.append(self._same_site(row, site, candidates, by_path, private))
        return result

    def _url_paths(self, url: str) -> tuple[Site | None, list[str]]:
        """The site a URL is on and the url_path values it could match, longest first."""
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
        site = next((s for s in self.sites if s.hostname.lower() == host), None)
        if site is None:
            site = self.sites[0] if self.sites and not host else None
        if site is None or site.root_page is None:
            return None, []
        segments = [s for s in parts.path.split("/") if s]
        root = site.root_page.url_path
        candidates = [
            root + "".join(f"{s}/" for s in segments[:n]) for n in range(len(segments), -1, -1)
        ]
        return site, candidates

    def _page(self, page, private: set, source: str, *, via_url: bool = False) -> Resolution:
        if page is None:
            return Resolution(LinkStatus.BROKEN, Issue.PAGE_DELETED, "the linked page was deleted")
        if not page.live:
            return Resolution(
                LinkStatus.BROKEN,
                Issue.PAGE_UNPUBLISHED,
                f"the linked page “{page.title}” is not published",
                page.pk,
            )
        if page.pk in private and self.source_public:
            return Resolution(
                LinkStatus.BROKEN,
                Issue.PAGE_PRIVATE,
                f"the linked page “{page.title}” is private: readers of this public page "
                "are asked to log in",
                page.pk,
            )
        if via_url and source == Source.RICHTEXT:
            return Resolution(
                LinkStatus.OK,
                Issue.SAME_SITE_URL,
                f"absolute URL to “{page.title}”: a page link would survive a slug change",
                page.pk,
            )
        return Resolution(LinkStatus.OK, "", "", page.pk)

    def _same_site(self, row: Link, site, candidates, by_path, private) -> Resolution:
        if site is None:
            return Resolution(LinkStatus.UNVERIFIABLE, "", "no site to resolve this path against")
        root = site.root_page.url_path
        exact = by_path.get(candidates[0]) if candidates else None
        if exact is not None:
            return self._page(exact, private, row.source, via_url=True)
        for candidate in candidates[1:]:
            page = by_path.get(candidate)
            if page is None:
                continue
            model = page.content_type.model_class()
            if model is not None and issubclass(model, RoutablePageMixin) and page.live:
                # A sub-route (author profiles): served by the page, not a page of its own.
                rest = "/" + urlsplit(row.url).path.lstrip("/")[len(candidate) - len(root) :]
                if _routes(model, rest):
                    return Resolution(LinkStatus.OK, "", f"served by “{page.title}”", None)
            break
        path = urlsplit(row.url).path or "/"
        redirect = (
            Redirect.objects.filter(old_path=Redirect.normalise_path(path))
            .filter(site__in=[site.pk])
            .first()
            or Redirect.objects.filter(
                old_path=Redirect.normalise_path(path), site__isnull=True
            ).first()
        )
        if redirect is not None:
            target = redirect.link or ""
            return Resolution(
                LinkStatus.REDIRECTED, "", f"redirects to {target}", redirect.redirect_page_id
            )
        return Resolution(LinkStatus.BROKEN, Issue.NO_SUCH_PAGE, "no page at this address")

    @staticmethod
    def _files(model, rows: list[Link], kind: str) -> dict[int, bool]:
        """{id: file present} for the documents or images the rows reference."""
        ids = {row.target_id for row in rows if row.kind == kind}
        if not ids:
            return {}
        found = {}
        for item in model.objects.filter(pk__in=ids).only("pk", "file"):
            try:
                present = bool(item.file.name) and item.file.storage.exists(item.file.name)
            except OSError:
                present = False
            found[item.pk] = present
        return found

    @staticmethod
    def _file(found: dict[int, bool], target_id, kind: str) -> Resolution:
        image = kind == Kind.IMAGE
        if target_id not in found:
            issue = Issue.IMAGE_MISSING if image else Issue.DOCUMENT_MISSING
            return Resolution(LinkStatus.BROKEN, issue, f"the {kind} was deleted", target_id)
        if not found[target_id]:
            issue = Issue.IMAGE_FILE_MISSING if image else Issue.DOCUMENT_FILE_MISSING
            return Resolution(
                LinkStatus.BROKEN, issue, f"the {kind}'s file is missing from storage", target_id
            )
        return Resolution(LinkStatus.OK, "", "", target_id)


def _routes(model, path: str) -> bool:
    """Whether a routable page class has a route for a sub-path (URL matching only)."""
    try:
        model.get_resolver().resolve(path)
    except Http404:
        return False
    return True


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
