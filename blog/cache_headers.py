"""Cache headers every response needs: surrogate keys on pages, short caching of errors.

CacheHeadersMiddleware goes right after SecurityMiddleware (and WhiteNoise), outside the API's
and the page cache's middleware, so cache hits get the same treatment as fresh responses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from pages.models import HomePage

from .cache_keys import card_keys, list_keys, post_keys, request_keys, set_headers, site_key
from .conf import blog_setting
from .models import ArticlePage, BlogIndexPage
from .related import related_ids

NOT_FOUND = frozenset({404, 410})


def error_cache_control(status: int) -> str:
    """A missing page is cached briefly (a CDN absorbs floods of the same 404, and a publish
    is seen within seconds); other errors depend on the request or the moment: never."""
    max_age = blog_setting("SKINCARE_BLOG_NOT_FOUND_MAX_AGE")
    if status in NOT_FOUND and max_age > 0:
        return f"public, max-age={max_age}, s-maxage={max_age}"
    return "no-store"


def page_keys(request: HttpRequest, page: Any, context: dict) -> tuple[str, ...]:
    """The keys of a rendered Wagtail page, from what its template was given."""
    site = getattr(request, "_wagtail_site", None)
    site_id = site.pk if site else None
    if isinstance(page, ArticlePage):
        cards = card_keys(related_ids(page, request, context.get("tags", ())))
        return (*post_keys(page.pk, site_id=site_id).response, *cards)
    if isinstance(page, BlogIndexPage):
        author = context.get("author") or context.get("active_author")
        tag = context.get("active_tag")
        return list_keys(
            site_id, tags=[tag.slug] if tag else (), author=author.slug if author else None
        )
    if isinstance(page, HomePage):
        return list_keys(site_id)
    return (site_key(site_id),) if site_id is not None else ()


class CacheHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code >= 400:
            control = response.get("Cache-Control", "")
            if "private" not in control and "no-store" not in control:
                response["Cache-Control"] = error_cache_control(response.status_code)
        elif "Surrogate-Key" not in response and (keys := request_keys(request)):
            set_headers(response, keys)
        return response

    def process_template_response(self, request: HttpRequest, response):
        # Set on the response itself (not the request), so a page cache below this
        # middleware stores the headers with the page.
        context = response.context_data or {}
        page = context.get("page")
        if page is not None and response.status_code == 200:
            set_headers(response, page_keys(request, page, context))
        return response
