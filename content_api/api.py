"""The NinjaAPI instance: problem+json errors and an OpenAPI document that says so."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from .problems import PROBLEM_CONTENT_TYPE, ApiProblem, problem_response
from .routes import router

logger = logging.getLogger(__name__)

DESCRIPTION = """\
Read-only content API for the blog: articles, product reviews, authors, tags, search and
draft previews. Every response is typed; body blocks are a union discriminated on `type`.

* Anonymous, read-only; only live, public pages of the requested site appear.
* `ETag` and `Last-Modified` on every response; send `If-None-Match` or `If-Modified-Since`
  to get `304 Not Modified`.
* Errors are `application/problem+json` (RFC 9457) and name the valid parameters.
"""

CACHING_HEADERS = {
    "ETag": {"description": "Weak validator of the body.", "schema": {"type": "string"}},
    "Last-Modified": {
        "description": "When published content last changed.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "max-age, s-maxage, stale-while-revalidate.",
        "schema": {"type": "string"},
    },
}


class ContentAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document declares problem+json errors, 304s and cache headers."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.get("responses", {})
                for status, response in responses.items():
                    if int(status) >= 400 and "application/json" in response.get("content", {}):
                        response["content"] = {
                            PROBLEM_CONTENT_TYPE: response["content"]["application/json"]
                        }
                    if status == 200:
                        response["headers"] = CACHING_HEADERS
                responses.setdefault(304, {"description": "Not modified (conditional GET)."})
        return schema


api = ContentAPI(
    title="Skin Notes content API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="content_api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("", router)


UNKNOWN_PARAM = "Not a parameter of this endpoint."


@api.exception_handler(ApiProblem)
def on_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    return problem_response(request, exc)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    invalid = []
    unknown = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        name = location[0] if location else "request"
        if error.get("type") == "extra_forbidden":  # the query schemas forbid extra keys
            unknown.append(name)
            invalid.append((name, UNKNOWN_PARAM))
        else:
            invalid.append((name, error.get("msg", "Invalid.")))
    if unknown and len(unknown) == len(invalid):
        title = f"Unknown query parameter{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}."
    else:
        title = "Some parameters are not valid: " + ", ".join(sorted({n for n, _ in invalid})) + "."
    problem = ApiProblem(
        400,
        title,
        invalid_params=invalid,
        # Set by StrictQueryModel while ninja resolved this request's query string.
        valid_params=getattr(request, "content_api_query_params", []),
    )
    return problem_response(request, problem)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem_response(request, ApiProblem(404, "No public content matches this URL."))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem_response(request, ApiProblem(exc.status_code, str(exc)))


@api.exception_handler(Exception)
def on_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Content API error on %s", request.get_full_path())
    return problem_response(request, ApiProblem(500, "Something went wrong on our side."))
