"""URL patterns for /api/v1/: ninja's routes, each wrapped by the caching endpoint."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path, reverse

from .api import api
from .caching import api_endpoint
from .problems import ApiProblem, problem_response


def unknown_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under the API: a problem+json 404 rather than the site's HTML page."""
    return problem_response(request, ApiProblem(404, "There is no API endpoint at this URL."))


def api_index(request: HttpRequest) -> HttpResponse:
    """/api/v1/ itself: where the documentation and the collections are (ninja's is a 404)."""
    root = request.build_absolute_uri(reverse("content_api:api-root"))
    body = {
        "title": api.title,
        "version": api.version,
        "openapi": request.build_absolute_uri(reverse("content_api:openapi-json")),
        "docs": request.build_absolute_uri(reverse("content_api:openapi-view")),
        "collections": {
            name: f"{root}{name}" for name in ("articles", "reviews", "authors", "tags", "search")
        },
        "site": f"{root}site",
    }
    return HttpResponse(json.dumps(body), content_type="application/json")


def _wrap(patterns: list) -> list:
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            view = api_index if pattern.name == "api-root" else pattern.callback
            pattern = URLPattern(
                pattern.pattern, api_endpoint(view), pattern.default_args, pattern.name
            )
        elif isinstance(pattern, URLResolver):
            pattern.url_patterns[:] = _wrap(pattern.url_patterns)
        wrapped.append(pattern)
    return wrapped


app_name = "content_api"  # ninja reverses its docs URLs in this namespace
urlpatterns = [
    *_wrap(api.urls[0]),
    re_path(r"^(?P<rest>.*)$", api_endpoint(unknown_endpoint), name="unknown_endpoint"),
]
