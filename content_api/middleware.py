"""Serve API responses from the server cache before the rest of the middleware stack.

Place it right after SecurityMiddleware: a hit then skips sessions, CSRF, authentication and
messages, none of which an anonymous, read-only API response depends on (Django's own
cache middleware works the same way). Misses continue down the stack to the view, whose
wrapper stores the response; without this middleware the wrapper serves hits itself.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from .caching import cached_response


class CachedApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.prefix: str | None = None

    def api_prefix(self) -> str:
        if self.prefix is None:
            try:
                self.prefix = reverse("content_api:api-root")
            except NoReverseMatch:
                self.prefix = ""  # the API is not mounted: never intercept
        return self.prefix

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefix = self.api_prefix()
        if prefix and request.path.startswith(prefix):
            response = cached_response(request)
            if response is not None:
                return response
        return self.get_response(request)
