"""Resolution of internal links and same-site URLs against pages, documents, images and sites.

Database reads only, batched: a fixed number of queries however many links are resolved (plus
one per same-site URL that matches no page, to look for a redirect).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import Http404
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from linkcheck.checker.status import LinkStatus
from linkcheck.extract import Kind, Source
from linkcheck.models import Link

Issue = Link.Issue


@dataclass(frozen=True)
class Resolution:
    """What an internal link (or a same-site URL) resolves to."""

    status: str
    issue: str = ""
    reason: str = ""
    target_id: int | None = None


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
