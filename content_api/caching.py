"""HTTP caching for the API: a generation-keyed server cache, ETags, 304s, headers and gzip.

Every cached response is stored under the current *generation*, a random token that signal
handlers replace whenever anything a response could depend on changes (publish, unpublish,
move, delete, author, image, tag, site or privacy changes). Old entries are then never read
again and expire on their own, so invalidation is one cache write, whatever the site's size.
A generation also ends by itself when a live page's `expire_at` passes. The cache must be one
that every process shares (files on one machine, Redis across several): a bump made by a
shell, a cron job or a worker has to reach the web processes.
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, NamedTuple

from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models import Min
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.text import compress_string
from wagtail.models import Page

from .conf import api_setting
from .cors import add_cors_headers, preflight_response
from .problems import ApiProblem, problem_response

GENERATION_KEY = "skincare-api:generation"
COMPRESSIBLE = ("application/json", "application/problem+json", "text/")
STORED_STATUSES = frozenset({200, 404})
VARY = "Accept-Encoding, Origin"


class Generation(NamedTuple):
    """The cache generation: a token, when content last changed (for Last-Modified), and
    until when it holds: the next expiry of a live page, which changes content without any
    event (Wagtail clears `live` only when publish_scheduled runs)."""

    token: str
    changed_at: int
    valid_until: float | None = None


_local = threading.local()


def _cache():
    # caches[alias] costs a thread-local lookup per call; the hit path keeps its own handle,
    # dropped when CACHES or the alias setting changes.
    cache = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = caches[api_setting("SKINCARE_API_CACHE_ALIAS")]
    return cache


@receiver(setting_changed)
def _forget_cache(setting: str, **kwargs: Any) -> None:
    if setting in ("CACHES", "SKINCARE_API_CACHE_ALIAS"):
        _local.__dict__.clear()


def _next_expiry() -> float | None:
    """When the next live page expires (one indexed query, only when a generation starts)."""
    soonest = Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(
        soonest=Min("expire_at")
    )["soonest"]
    return soonest.timestamp() if soonest else None


def _new_generation() -> Generation:
    return Generation(uuid.uuid4().hex, int(time.time()), _next_expiry())


def _ensure_generation(value: tuple | None) -> Generation:
    if value is None:
        # A missing or evicted generation starts a new one, so nothing stale is ever reused.
        value = _new_generation()
        if not _cache().add(GENERATION_KEY, value, timeout=None):
            value = _cache().get(GENERATION_KEY) or value
    generation = Generation(*value)
    if generation.valid_until is not None and time.time() >= generation.valid_until:
        # A page expired since: every process that notices starts a new generation (a race
        # only costs an extra miss).
        generation = _new_generation()
        _cache().set(GENERATION_KEY, generation, timeout=None)
    return generation


def current_generation() -> Generation:
    return _ensure_generation(_cache().get(GENERATION_KEY))


def bump_generation() -> None:
    """Invalidate every cached response, now and again when the transaction commits."""
    _cache().set(GENERATION_KEY, _new_generation(), timeout=None)
    # A request that reads the old rows between this write and the commit would otherwise
    # store them under the new generation.
    transaction.on_commit(lambda: _cache().set(GENERATION_KEY, _new_generation(), timeout=None))


class Entry(NamedTuple):
    """A response as stored in the cache (plain tuple: cheap to pickle).

    Entries are keyed by request alone and carry the generation they were built in; one that
    does not match the current generation is stale and ignored. That way a hit costs a single
    cache round trip (generation and entry together), which matters with Redis.
    """

    token: str
    status: int
    content_type: str
    body: bytes
    gzipped: bytes | None
    etag: str
    last_modified: int
    last_modified_header: str
    # WWW-Authenticate of a 401 (preview tokens); such responses are never stored.
    challenge: str = ""

    @classmethod
    def from_response(
        cls, response: HttpResponse, generation: Generation, *, compress: bool = True
    ) -> Entry:
        body = response.content
        content_type = response.get("Content-Type", "application/json")
        gzipped = None
        if (
            compress
            and len(body) >= api_setting("SKINCARE_API_GZIP_MIN_LENGTH")
            and content_type.startswith(COMPRESSIBLE)
        ):
            gzipped = compress_string(body)
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        return cls(
            generation.token,
            response.status_code,
            content_type,
            body,
            gzipped,
            # Weak, so one tag covers the identity and gzip encodings of the same content.
            f'W/"{digest}"',
            generation.changed_at,
            http_date(generation.changed_at),
            response.get("WWW-Authenticate", ""),
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


def _entry_key(request: HttpRequest) -> str:
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{request.META.get('QUERY_STRING', '')}"
    return "skincare-api:r:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


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


def _not_modified(request: HttpRequest, entry: Entry) -> bool:
    """RFC 9110 conditional GET: If-None-Match (weak comparison) wins over If-Modified-Since."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        if if_none_match.strip() == "*":
            return True
        opaque = entry.etag.removeprefix("W/")
        return any(tag.removeprefix("W/") == opaque for tag in parse_etags(if_none_match))
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since:
        since = parse_http_date_safe(if_modified_since)
        return since is not None and entry.last_modified <= since
    return False


def _respond(request: HttpRequest, entry: Entry, shared: bool) -> HttpResponse:
    if entry.status == 200 and _not_modified(request, entry):
        response = HttpResponse(status=304)
    elif entry.gzipped is not None and _accepts_gzip(request):
        response = HttpResponse(entry.gzipped, status=entry.status, content_type=entry.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(entry.body, status=entry.status, content_type=entry.content_type)
    response["ETag"] = entry.etag
    response["Last-Modified"] = entry.last_modified_header
    response["Cache-Control"] = cache_control(shared)
    response["Vary"] = VARY
    response["Content-Length"] = str(len(response.content))
    if entry.challenge:
        response["WWW-Authenticate"] = entry.challenge
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


def lookup(request: HttpRequest) -> tuple[Generation, str, Entry | None]:
    """The current generation, the request's cache key and its entry when still valid.

    One cache round trip; the result is kept on the request so the view wrapper does not
    repeat it after the middleware missed.
    """
    found = getattr(request, "_content_api_lookup", None)
    if found is not None:
        return found
    key = _entry_key(request)
    values = _cache().get_many([GENERATION_KEY, key])
    generation = _ensure_generation(values.get(GENERATION_KEY))
    entry = values.get(key)
    if entry is not None and entry.token != generation.token:
        entry = None
    request._content_api_lookup = (generation, key, entry)
    return generation, key, entry


def cached_response(request: HttpRequest) -> HttpResponse | None:
    """A response straight from the server cache, or None on a miss (or cache disabled).

    Only 200s and 404s of shared endpoints with valid parameters are ever stored, so a hit
    needs no knowledge of the endpoint.
    """
    if request.method not in ("GET", "HEAD") or not api_setting("SKINCARE_API_CACHE_ENABLED"):
        return None
    generation, _key, entry = lookup(request)
    request.content_api_generation = generation
    return _respond(request, entry, shared=True) if entry is not None else None


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
        use_cache = shared and api_setting("SKINCARE_API_CACHE_ENABLED")
        entry = None
        if use_cache:
            generation, key, entry = lookup(request)
        else:
            generation = current_generation()
        request.content_api_generation = generation
        if entry is None:
            if policy and (problem := unknown_params_problem(request, policy)):
                response = problem_response(request, problem)
            else:
                response = _call(view, request, args, kwargs)
            stored = use_cache and response.status_code in STORED_STATUSES
            # Compress once for the cache, or now for this client; never for nobody.
            entry = Entry.from_response(
                response, generation, compress=stored or _accepts_gzip(request)
            )
            if stored:
                _cache().set(key, entry, api_setting("SKINCARE_API_CACHE_TIMEOUT"))
        return _respond(request, entry, shared)

    return wrapper
