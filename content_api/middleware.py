"""Serve API responses from the server cache before the rest of the middleware stack.

Place it right after SecurityMiddleware: a hit then skips sessions, CSRF, authentication and
messages, none of which an anonymous, read-only API response depends on (Django's own
cache middleware works the same way). Hand-written for that reason: benchmarks/RESULTS.md
(section api, FileBasedCache, a loaded machine) records 673 req/s for a detail hit answered
here against 453 for the same hit served by the view wrapper behind the full stack, and 0.69x
(1.15x for a gzip client) a trivial cache.get + HttpResponse middleware in this same slot.
Misses continue down the stack to the view, whose wrapper stores the response; without this
middleware the wrapper serves hits itself.

CORS is django-cors-headers' CorsMiddleware, placed before this one so hits carry its headers;
`cors_origin_allowed` feeds it the SKINCARE_API_CORS_ALLOWED_ORIGINS allowlist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from corsheaders.conf import conf as cors_conf
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from .caching import cached_response
from .conf import api_setting


def cors_origin_allowed(sender: Any, request: HttpRequest, **kwargs: Any) -> bool:
    """corsheaders' check_request_enabled receiver: an API request from an allowed origin.

    The allowlist is our prefixed setting, read at call time (override_settings works);
    ["*"] admits any origin. CorsMiddleware also asks this for paths outside CORS_URLS_REGEX,
    hence the path check.
    """
    # From META: request.headers builds a mapping of every header first, on every request.
    origin = request.META.get("HTTP_ORIGIN")
    if not origin or not re.match(cors_conf.CORS_URLS_REGEX, request.path_info):
        return False
    allowed = api_setting("SKINCARE_API_CORS_ALLOWED_ORIGINS")
    return "*" in allowed or origin.rstrip("/") in {o.rstrip("/") for o in allowed}


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
