"""CORS for an allowlist of origins (anonymous, read-only: no credentials are ever allowed)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from .conf import api_setting

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Accept, Accept-Encoding, Cache-Control, If-Modified-Since, If-None-Match"
EXPOSED_HEADERS = "ETag, Last-Modified, Cache-Control, Content-Encoding"


def allowed_origin(request: HttpRequest) -> str | None:
    """The request's Origin when the allowlist admits it, else None."""
    origin = request.META.get("HTTP_ORIGIN")
    if not origin:
        return None
    allowed = api_setting("SKINCARE_API_CORS_ALLOWED_ORIGINS")
    if "*" in allowed:
        return "*"
    return origin if origin.rstrip("/") in {o.rstrip("/") for o in allowed} else None


def add_cors_headers(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    origin = allowed_origin(request)
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def preflight_response(request: HttpRequest) -> HttpResponse:
    """Answer an OPTIONS preflight; a disallowed origin simply gets no CORS headers."""
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    response["Vary"] = "Origin"
    if allowed_origin(request):
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response["Access-Control-Max-Age"] = str(api_setting("SKINCARE_API_CORS_MAX_AGE"))
    return add_cors_headers(request, response)
