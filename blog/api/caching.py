"""HTTP caching for the API: a generation-keyed server cache, ETags, 304s, headers and gzip.

Every cached response is stored under the current *generation*, a random token that signal
handlers replace whenever anything a response could depend on changes (publish, unpublish,
move, delete, author, image, tag, site or privacy changes). Old entries are then never read
again and expire on their own, so invalidation is one cache write, whatever the site's size.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import NamedTuple

from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string

from .conf import api_setting
from .cors import add_cors_headers, preflight_response
from .problems import ApiProblem, problem_response

GENERATION_KEY = "skincare-api:generation"
COMPRESSIBLE = ("application/json", "application/problem+json", "text/")
STORED_STATUSES = frozenset({200, 404})


class Generation(NamedTuple):
    """The cache generation: a token and when content last changed (for Last-Modified)."""

    token: str
    changed_at: int


def _cache():
    return caches[api_setting("SKINCARE_API_CACHE_ALIAS")]


def _new_generation() -> Generation:
    return Generation(uuid.uuid4().hex, int(time.time()))


def current_generation() -> Generation:
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A missing or evicted generation starts a new one, so nothing stale is ever reused.
        value = _new_generation()
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY) or value
    return Generation(*value)


def bump_generation() -> None:
    """Invalidate every cached response, now and again when the transaction commits."""
    _cache().set(GENERATION_KEY, _new_generation(), timeout=None)
    # A request that reads the old rows between this write and the commit would otherwise
    # store them under the new generation.
    transaction.on_commit(lambda: _cache().set(GENERATION_KEY, _new_generation(), timeout=None))


class Entry(NamedTuple):
    """A response as stored in the cache (plain tuple: cheap to pickle)."""

    status: int
    content_type: str
    body: bytes
    gzipped: bytes | None
    etag: str
    last_modified: int

    @classmethod
    def from_response(cls, response: HttpResponse, last_modified: int) -> Entry:
        body = response.content
        content_type = response.get("Content-Type", "application/json")
        gzipped = None
        if len(body) >= api_setting("SKINCARE_API_GZIP_MIN_LENGTH") and content_type.startswith(
            COMPRESSIBLE
        ):
            gzipped = compress_string(body)
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        # Weak, so one tag covers the identity and gzip encodings of the same content.
        return cls(
            response.status_code, content_type, body, gzipped, f'W/"{digest}"', last_modified
        )


@dataclass(frozen=True)
class EndpointPolicy:
    """What an endpoint accepts and whether its responses may be shared and cached."""

    params: frozenset[str]
    shared: bool = True


POLICIES: dict[str, EndpointPolicy] = {}


def endpoint_policy(*schemas, shared: bool = True) -> Callable:
    """Record the query parameters (from query schemas) a route accepts, by its URL name."""
    names = frozenset(name for schema in schemas for name in schema.model_fields)

    def register(view: Callable) -> Callable:
        POLICIES[view.__name__] = EndpointPolicy(names, shared)
        return view

    return register


def _policy(request: HttpRequest) -> EndpointPolicy | None:
    match = getattr(request, "resolver_match", None)
    return POLICIES.get(match.url_name) if match else None


def unknown_params_problem(request: HttpRequest, policy: EndpointPolicy) -> ApiProblem | None:
    unknown = [name for name in request.GET if name not in policy.params]
    if not unknown:
        return None
    return ApiProblem(
        400,
        f"Unknown query parameter{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}.",
        invalid_params=[(name, "Not a parameter of this endpoint.") for name in unknown],
        valid_params=policy.params,
    )


def cache_control(shared: bool) -> str:
    if not shared:
        return "private, no-store"
    return (
        f"public, max-age={api_setting('SKINCARE_API_MAX_AGE')}, "
        f"s-maxage={api_setting('SKINCARE_API_S_MAXAGE')}, "
        f"stale-while-revalidate={api_setting('SKINCARE_API_STALE_WHILE_REVALIDATE')}"
    )


def _entry_key(generation: Generation, request: HttpRequest) -> str:
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{request.META.get('QUERY_STRING', '')}"
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    return f"skincare-api:r:{generation.token}:{digest}"


def _accepts_gzip(request: HttpRequest) -> bool:
    """True when Accept-Encoding lists gzip with a non-zero quality."""
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() != "gzip":
            continue
        quality = params.strip().removeprefix("q=").strip() if params else "1"
        try:
            return float(quality or 1) > 0
        except ValueError:
            return False
    return False


def _respond(request: HttpRequest, entry: Entry, shared: bool) -> HttpResponse:
    body = entry.body
    gzipped = entry.gzipped is not None and _accepts_gzip(request)
    response = HttpResponse(
        entry.gzipped if gzipped else body, status=entry.status, content_type=entry.content_type
    )
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(entry.last_modified)
    response["Cache-Control"] = cache_control(shared)
    patch_vary_headers(response, ("Accept-Encoding", "Origin"))
    if entry.status == 200:
        response = get_conditional_response(
            request, etag=entry.etag, last_modified=entry.last_modified, response=response
        )
    return add_cors_headers(request, response)


def _call(view: Callable, request: HttpRequest, args, kwargs) -> HttpResponse:
    if request.method == "HEAD":
        # Ninja routes answer GET; HEAD gets the same headers and the server drops the body.
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
    return view(request, *args, **kwargs)


def api_endpoint(view: Callable) -> Callable:
    """Wrap an API URL's view with param checks, CORS, the server cache and conditional GET."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return preflight_response(request)
        if request.method not in ("GET", "HEAD"):
            return add_cors_headers(request, view(request, *args, **kwargs))
        policy = _policy(request)
        shared = policy.shared if policy else True
        generation = current_generation()
        request.content_api_generation = generation
        if policy and (problem := unknown_params_problem(request, policy)):
            entry = Entry.from_response(problem_response(request, problem), generation.changed_at)
            return _respond(request, entry, shared)
        use_cache = shared and api_setting("SKINCARE_API_CACHE_ENABLED")
        key = _entry_key(generation, request) if use_cache else ""
        entry = _cache().get(key) if use_cache else None
        if entry is None:
            entry = Entry.from_response(_call(view, request, args, kwargs), generation.changed_at)
            if use_cache and entry.status in STORED_STATUSES:
                _cache().set(key, entry, api_setting("SKINCARE_API_CACHE_TIMEOUT"))
        return _respond(request, entry, shared)

    return wrapper
