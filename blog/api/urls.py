"""URL patterns for /api/v1/: ninja's routes, each wrapped by the caching endpoint."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path

from .api import api
from .caching import api_endpoint, endpoint_policy
from .problems import ApiProblem, problem_response


@endpoint_policy()
def unknown_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under the API: a problem+json 404 rather than the site's HTML page."""
    return problem_response(request, ApiProblem(404, "There is no API endpoint at this URL."))


def _wrap(patterns: list) -> list:
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern = URLPattern(
                pattern.pattern, api_endpoint(pattern.callback), pattern.default_args, pattern.name
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
