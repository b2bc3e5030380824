"""HTTP caching for the API: a generation-keyed server cache, ETags, 304s, headers and gzip.

Every cached response is stored under blog's current content *generation*
(`blog.representation.generation`), which blog's signal handlers replace whenever anything a
response could depend on changes. Old entries are then never read again and expire on their
own, so invalidation is one cache write, whatever the site's size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import NamedTuple

from django.http import HttpRequest, HttpResponse
from django.http.response import ResponseHeaders
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.text import compress_string

from blog.cache_keys import response_keys, set_headers
from blog.conf import blog_setting
from blog.representation.generation import (
    Generation,
    current_generation,
    generation_cache,
    holding,
    read_with_generation,
)
from blog.request_keys import request_key

from .conf import api_setting

COMPRESSIBLE = ("application/json", "application/problem+json", "text/")
STORED_STATUSES = frozenset({200, 404})
VARY = "Accept-Encoding, Origin"
# Named in the keys, so an entry of another layout (an older release) is never read.
KEY_PREFIX = "skincare-api:response:2:"
# What a 304 repeats of the stored 200 (RFC 9110 15.4.5), besides the surrogate keys.
REVALIDATION_HEADERS = (
    "ETag",
    "Last-Modified",
    "Cache-Control",
    "Vary",
    "WWW-Authenticate",
    "Surrogate-Key",
    "Cache-Tag",
)


class Entry(NamedTuple):
    """One encoding of a response as the cache keeps it: body and final headers (a plain tuple
    around Django's header mapping: cheap to pickle).

    Entries are keyed by request and encoding (identity or gzip) and carry the generation
    they were built in; one that does not match the current generation is stale and ignored.
    A hit reads the generation and the entry of its client's encoding in one round trip and
    hands the stored body and headers to its response as they are: nothing is compressed,
    inflated, hashed or formatted on a hit. A compressible body is kept in both forms, so an
    identity client's hit no longer inflates the gzip one (cProfile, 3,000 detail hits of
    25 KB on the FileBasedCache, 2026-11-30: gzip.decompress and its CRC took about as long
    as the rest of the hit).
    """

    token: str
    status: int
    etag: str
    last_modified: int
    headers: ResponseHeaders  # Content-Type, -Length, -Encoding, validators, Vary, keys
    body: bytes


def build_entries(
    response: HttpResponse,
    generation: Generation,
    keys: tuple[str, ...],
    *,
    shared: bool,
    compress: bool,
) -> tuple[Entry, Entry]:
    """A fresh response's identity and gzip entries (the same entry when it is not gzipped)."""
    body = response.content
    content_type = response.get("Content-Type", "application/json")
    # Weak, so one tag covers the identity and gzip encodings of the same content.
    etag = f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    headers = ResponseHeaders(
        {
            "Content-Type": content_type,
            "ETag": etag,
            "Last-Modified": http_date(generation.changed_at),
            "Cache-Control": cache_control(shared),
            "Vary": VARY,
        }
    )
    if challenge := response.get("WWW-Authenticate"):
        headers["WWW-Authenticate"] = challenge  # preview tokens' 401s, never stored
    if response.status_code == 200:
        set_headers(headers, keys)

    def entry(content: bytes, **extra: str) -> Entry:
        final = ResponseHeaders({**headers, **extra, "Content-Length": str(len(content))})
        return Entry(
            generation.token, response.status_code, etag, generation.changed_at, final, content
        )

    identity = entry(body)
    if (
        compress
        and len(body) >= api_setting("SKINCARE_API_GZIP_MIN_LENGTH")
        and content_type.startswith(COMPRESSIBLE)
    ):
        return identity, entry(compress_string(body), **{"Content-Encoding": "gzip"})
    return identity, identity


def mark_private(request: HttpRequest) -> None:
    """Make this request's response private: never stored, `Cache-Control: private, no-store`.

    Routes call it first thing, so their error responses (401, 404) are private too.
    """
    request.content_api_private = True


def cache_control(shared: bool) -> str:
    if not shared:
        return "private, no-store"
    return (
        f"public, max-age={api_setting('SKINCARE_API_MAX_AGE')}, "
        f"s-maxage={api_setting('SKINCARE_API_S_MAXAGE')}, "
        f"stale-while-revalidate={api_setting('SKINCARE_API_STALE_WHILE_REVALIDATE')}"
    )


def _entry_keys(request: HttpRequest) -> tuple[str, str]:
    """The request's identity and gzip keys. The shared Cache-Control is in the key, stored
    in the entries, so a change of its settings is never answered with the old value."""
    key = request_key(
        KEY_PREFIX, request, request.META.get("QUERY_STRING", ""), cache_control(True)
    )
    return key, key + ":gzip"


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


# Hand-written rather than django.utils.cache.get_conditional_response, because every response
# (cache hits included) passes here: `python -m benchmarks.bench_conditional` (22 KB entry,
# 2026-11-29) gives 21 us per 304 here against 43 us with Django's helper, and 13 us against
# 23 us per gzip 200, on a hit path recorded at 14,110 req/s (~71 us a request,
# benchmarks/RESULTS.md). Same RFC 9110 rules: If-None-Match with weak comparison wins over
# If-Modified-Since; only 200s become 304s.
def _not_modified(request: HttpRequest, entry: Entry) -> bool:
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


def _respond(request: HttpRequest, entry: Entry) -> HttpResponse:
    if entry.status == 200 and _not_modified(request, entry):
        response = HttpResponse(status=304)
        for name in REVALIDATION_HEADERS:
            if name in entry.headers:
                response[name] = entry.headers[name]
        response["Content-Length"] = "0"
        return response
    response = HttpResponse(entry.body, status=entry.status)
    # The entry's headers are final; each hit unpickles its own copy, which the middleware
    # above (CORS, security, cache headers) may still change.
    response.headers = entry.headers
    return response


def _call(view: Callable, request: HttpRequest, args, kwargs) -> HttpResponse:
    if request.method == "HEAD":
        # Ninja routes answer GET; HEAD gets the same headers and the server drops the body.
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
    return view(request, *args, **kwargs)


class Lookup(NamedTuple):
    generation: Generation
    keys: tuple[str, str]  # identity, gzip
    entry: Entry | None  # the entry of the client's encoding, when still valid
    gzip: bool  # whether the client accepts gzip


def lookup(request: HttpRequest) -> Lookup:
    """The current generation, the request's cache keys and its entry when still valid.

    One cache round trip; the result is kept on the request so the view wrapper does not
    repeat it after the middleware missed.
    """
    found = getattr(request, "_content_api_lookup", None)
    if found is not None:
        return found
    keys = _entry_keys(request)
    gzip = _accepts_gzip(request)
    key = keys[1] if gzip else keys[0]
    generation, entry = read_with_generation(key)
    if entry is not None and entry.token != generation.token:
        entry = None
    request._content_api_lookup = found = Lookup(generation, keys, entry, gzip)
    return found


def cached_response(request: HttpRequest) -> HttpResponse | None:
    """A response straight from the server cache, or None on a miss (or cache disabled).

    Only 200s and 404s of shared endpoints with valid parameters are ever stored, so a hit
    needs no knowledge of the endpoint.
    """
    if request.method not in ("GET", "HEAD") or not api_setting("SKINCARE_API_CACHE_ENABLED"):
        return None
    found = lookup(request)
    return _respond(request, found.entry) if found.entry is not None else None


def api_endpoint(view: Callable) -> Callable:
    """Wrap an API URL's view with the server cache, validators and conditional GET.

    Unknown parameters are the query schemas' job (`extra="forbid"`), CORS is CorsMiddleware's.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        use_cache = api_setting("SKINCARE_API_CACHE_ENABLED")
        # Private routes are never stored, so the lookup misses for them.
        found = (
            lookup(request)
            if use_cache
            else Lookup(current_generation(), ("", ""), None, _accepts_gzip(request))
        )
        if found.entry is not None:
            return _respond(request, found.entry)
        with holding(found.generation):
            response = _call(view, request, args, kwargs)
        shared = not getattr(request, "content_api_private", False)
        stored = use_cache and shared and response.status_code in STORED_STATUSES
        # Compress once for the cache, or now for this client; never for nobody.
        identity, gzipped = build_entries(
            response,
            found.generation,
            response_keys(request),
            shared=shared,
            compress=stored or found.gzip,
        )
        if stored:
            generation_cache().set_many(
                dict(zip(found.keys, (identity, gzipped), strict=True)),
                blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"),
            )
        return _respond(request, gzipped if found.gzip else identity)

    return wrapper
