"""The site a request is for, with what URL building needs, cached per cache generation."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, When
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
)

from blog.api_fields import absolute_url
from blog.models import BlogIndexPage
from blog.visibility import exclude_restricted, is_restricted, restricted_paths
from pages.models import SiteSettings

from ..conf import blog_setting
from .generation import current_generation

DEFAULT_DISCLOSURE = SiteSettings._meta.get_field("default_affiliate_disclosure").default


@dataclass(frozen=True)
class SiteScope:
    """A Wagtail Site's root, base URL and blog index: enough to build every public URL."""

    site_id: int
    root_path: str
    root_depth: int
    root_url_path: str
    base_url: str
    name: str
    blog_index_url_path: str | None
    tagline: str
    default_disclosure: str
    # blog.visibility.restricted_paths() that cover part of the site (usually none): a page is
    # private when its path starts with one.
    restricted_paths: tuple[str, ...] = ()

    @classmethod
    def for_site(cls, site: Site) -> SiteScope:
        """Build from any Site (one query for the blog index and settings)."""
        annotated = with_facts(Site.objects.filter(pk=site.pk)).select_related("root_page").first()
        return cls.from_annotated(annotated or site)

    @classmethod
    def from_annotated(cls, site: Site) -> SiteScope:
        root = site.root_page
        disclosure = getattr(site, "disclosure", None)
        return cls(
            site_id=site.pk,
            root_path=root.path,
            root_depth=root.depth,
            root_url_path=root.url_path,
            base_url=site.root_url,
            name=site.site_name or root.title,
            blog_index_url_path=getattr(site, "blog_index_url_path", None),
            tagline=getattr(site, "tagline", None) or "",
            # Without a settings row the site shows the field's default, so the API does too.
            default_disclosure=disclosure if disclosure is not None else DEFAULT_DISCLOSURE,
            restricted_paths=site_restrictions(root.path),
        )

    def is_public(self, path: str) -> bool:
        return not is_restricted(path, self.restricted_paths)

    def page_url(self, url_path: str) -> str:
        """Absolute URL of a page of this site, as Page.get_full_url() builds it."""
        return self.base_url + url_path[len(self.root_url_path) - 1 :]

    def absolute(self, url: str) -> str:
        """Media and document URLs made absolute against the site when they are relative."""
        return absolute_url(self.base_url, url)

    @property
    def blog_url(self) -> str | None:
        return self.page_url(self.blog_index_url_path) if self.blog_index_url_path else None

    def author_url(self, slug: str) -> str | None:
        """The author's public profile (BlogIndexPage's author_profile route)."""
        blog_url = self.blog_url
        return f"{blog_url}authors/{slug}/" if blog_url else None


def site_restrictions(root_path: str) -> tuple[str, ...]:
    """The restricted paths that matter to a site: inside it, or an ancestor of its root
    (which covers all of it)."""
    return tuple(
        path
        for path in restricted_paths()
        if path.startswith(root_path) or root_path.startswith(path)
    )


def with_facts(sites: QuerySet) -> QuerySet:
    """Annotate sites with their blog index URL path and site settings (no extra queries)."""
    index = exclude_restricted(
        BlogIndexPage.objects.filter(live=True, path__startswith=OuterRef("root_page__path")),
        restricted_paths(),
    ).order_by("path")
    site_settings = SiteSettings.objects.filter(site_id=OuterRef("pk"))
    return sites.annotate(
        blog_index_url_path=Subquery(index.values("url_path")[:1]),
        tagline=Subquery(site_settings.values("tagline")[:1]),
        disclosure=Subquery(site_settings.values("default_affiliate_disclosure")[:1]),
    )


def find_site(hostname: str, port: int) -> Site | None:
    """Wagtail's get_site_for_hostname (wagtail/models/sites.py), facts annotated in the same
    query, so a cold request spends one query on its site instead of two."""
    sites = list(
        with_facts(
            Site.objects.annotate(
                match=Case(
                    When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                    When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
                    When(is_default_site=True, then=MATCH_DEFAULT),
                    default=MATCH_HOSTNAME,
                    output_field=IntegerField(),
                )
            )
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .select_related("root_page")
    )
    if not sites:
        return None
    if len(sites) == 1 or sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return sites[0]
    if sites[0].match == MATCH_DEFAULT:
        return sites[len(sites) == 2]
    return None


def site_scope(request: HttpRequest) -> SiteScope | None:
    """The scope for the request's host; looked up once per host and cache generation."""
    generation = current_generation()
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"skincare-api:site:{generation.token}:{hostname}:{request.get_port()}"
    cache = caches[blog_setting("SKINCARE_BLOG_CACHE_ALIAS")]
    scope = cache.get(key)
    if scope is None:
        site = find_site(hostname, request.get_port())
        if site is None:
            return None
        scope = SiteScope.from_annotated(site)
        cache.set(key, scope, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
    return scope
