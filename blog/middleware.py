"""Middleware for the public HTML site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from wagtail.views import serve as wagtail_serve

from . import pagecache
from .representation.generation import holding
from .routing import cached_route


class RouteCacheMiddleware:
    """Answers Wagtail's site and route lookups for its page-serving view from the cache
    (blog.routing); other views are left alone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if view_func is wagtail_serve:
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            cached_route(request, path)


class PageCacheMiddleware:
    """Serves anonymous readers' pages from the full-page cache (blog.pagecache).

    Placed early, next to the API's cache middleware: a hit skips sessions, CSRF,
    authentication and messages, which a page for anonymous readers does not depend on.
    A miss goes down the stack; Wagtail's serving view marks the request (process_view) and
    the response is stored if it is the page everyone gets.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = pagecache.page_key(request)
        if key is None:
            return self.get_response(request)
        generation, entry = pagecache.lookup(key)
        if entry is not None:
            return pagecache.respond(entry)
        with holding(generation):
            response = self.get_response(request)
        if pagecache.storable(request, response):
            pagecache.store(request, key, generation, response)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if view_func is wagtail_serve:
            request.skincare_page_cacheable = True
