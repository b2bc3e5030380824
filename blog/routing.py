"""What a request is for, its Wagtail Site and its page, remembered per content generation.

Wagtail finds both on every request: a query for the Site, then a lookup and a `.specific`
per level of the page tree (five queries for a post). Both answers only change when a page
is published, moved, renamed, unpublished or deleted, or a Site changes, and each of those
starts a new content generation (blog.signal_handlers). So the answers are cached per
generation and handed to Wagtail through its own per-request caches
(`request._wagtail_site` read by `Site.find_for_request`, `request._wagtail_route_for_request`
read by `Page.route_for_request`): a warm post costs one query to load the page.
"""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.models import Page, Site

from .conf import blog_setting
from .representation.generation import current_generation, generation_cache

NO_SITE = "none"


class CachedRoute(NamedTuple):
    """Where Wagtail's tree walk for a path ended: the page, and how many path components the
    walk consumed (the rest go to the page's own route(), e.g. a RoutablePage's sub-URLs)."""

    page_id: int
    content_type_id: int
    consumed: int


def _host_key(request: HttpRequest) -> str:
    hostname = split_domain_port(request._get_raw_host())[0]
    return f"{hostname}:{request.get_port()}"


def cached_site(request: HttpRequest) -> Site | None:
    """Site.find_for_request, from the generation's cache once warm (none when no Site)."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = f"skincare-site:site:{current_generation().token}:{_host_key(request)}"
    cache = generation_cache()
    site = cache.get(key)
    if site is None:
        site = Site.find_for_request(request)  # also sets request._wagtail_site
        cache.set(key, site or NO_SITE, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
        return site
    request._wagtail_site = None if site == NO_SITE else site
    return request._wagtail_site


def _route_key(site: Site, components: list[str]) -> str:
    # The language too: with WAGTAIL_I18N_ENABLED the walk starts at the root's translation.
    path = "/".join(components)
    return f"skincare-site:route:{current_generation().token}:{site.pk}:{get_language()}:{path}"


def _load(route: CachedRoute) -> Page | None:
    model = ContentType.objects.get_for_id(route.content_type_id).model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=route.page_id).first()


def cached_route(request: HttpRequest, path: str):
    """Page.route_for_request(request, path), reusing where the tree walk ended last time.

    On a hit only the page is loaded (one query) and its own route() runs with the components
    the walk left, so sub-URLs, live checks and 404s behave as in Wagtail.
    """
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = cached_site(request)
    if site is None:
        return Page.route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    key = _route_key(site, components)
    cache = generation_cache()
    found = cache.get(key)
    page = _load(found) if found is not None else None
    if page is None:
        result = Page.route_for_request(request, path)
        if result is not None:
            routed = result[0]
            consumed = routed.depth - site.root_page.depth
            found = CachedRoute(routed.pk, routed.content_type_id, consumed)
            cache.set(key, found, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
        return result
    try:
        result = page.route(request, components[found.consumed :])
    except Http404:
        result = None
    request._wagtail_route_for_request = result
    return result
