"""HTTP caching for the API: a generation-keyed server cache, ETags, 304s, headers and gzip.

Every cached response is stored under blog's current content *generation*
(`blog.representation.generation`), which blog's signal handlers replace whenever anything a
response could depend on changes. Old entries are then never read again and expire on their
own, so invalidation is one cache write, whatever the site's size.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import NamedTuple

from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.text import compress_string

from blog.cache_keys import response_keys, set_headers
from blog.conf import blog_setting
from blog.representation.generation import (
    GENERATION_KEY,
    Generation,
    current_generation,
    ensure_generation,
    generation_cache,
)

from .conf import api_setting

COMPRESSIBLE = ("application/json", "application/problem+json", "text/")
STORED_STATUSES = frozenset({200, 404})
VARY = "Accept-Encoding, Origin"


class Entry(NamedTuple):
    """A response as stored in the cache (plain tuple: cheap to pickle).

    Entries are keyed by request alone and carry the generation they were built in; one that
    does not match the current generation is stale and ignored. That way a hit costs a single
    cache round trip (generation and entry together), which matters with Redis.

    A compressible body is stored only gzipped (``body`` empty, see ``stored``): entries are
    several times smaller in Redis or on disk, and a hit reads and unpickles that much less
    (the FileBasedCache also inflates its whole file on every read). Clients that do not
    accept gzip, rarer than those that do, get the body inflated on the hit.
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
    # Surrogate keys (blog.cache_keys) the view recorded, replayed on every hit.
    keys: tuple[str, ...] = ()

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

    def stored(self) -> Entry:
        """The entry as the cache keeps it: the body once, gzipped when it can be."""
        return self if self.gzipped is None else self._replace(body=b"")

    def identity_body(self) -> bytes:
        return self.body if self.gzipped is None or self.body else gzip.decompress(self.gzipped)


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


def _respond(request: HttpRequest, entry: Entry, shared: bool) -> HttpResponse:
    if entry.status == 200 and _not_modified(request, entry):
        response = HttpResponse(status=304)
    elif entry.gzipped is not None and _accepts_gzip(request):
        response = HttpResponse(entry.gzipped, status=entry.status, content_type=entry.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(
            entry.identity_body(), status=entry.status, content_type=entry.content_type
        )
    response["ETag"] = entry.etag
    response["Last-Modified"] = entry.last_modified_header
    response["Cache-Control"] = cache_control(shared)
    response["Vary"] = VARY
    response["Content-Length"] = str(len(response.content))
    if entry.challenge:
        response["WWW-Authenticate"] = entry.challenge
    if entry.status == 200:
        set_headers(response, entry.keys)
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


def lookup(request: HttpRequest) -> tuple[Generation, str, Entry | None]:
    """The current generation, the request's cache key and its entry when still valid.

    One cache round trip; the result is kept on the request so the view wrapper does not
    repeat it after the middleware missed.
    """
    found = getattr(request, "_content_api_lookup", None)
    if found is not None:
        return found
    key = _entry_key(request)
    values = generation_cache().get_many([GENERATION_KEY, key])
    generation = ensure_generation(values.get(GENERATION_KEY))
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
    """Wrap an API URL's view with the server cache, validators and conditional GET.

    Unknown parameters are the query schemas' job (`extra="forbid"`), CORS is CorsMiddleware's.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        use_cache = api_setting("SKINCARE_API_CACHE_ENABLED")
        entry = None
        if use_cache:
            # Private routes are never stored, so this misses for them.
            generation, key, entry = lookup(request)
        else:
            generation = current_generation()
        request.content_api_generation = generation
        shared = True
        if entry is None:
            response = _call(view, request, args, kwargs)
            shared = not getattr(request, "content_api_private", False)
            stored = use_cache and shared and response.status_code in STORED_STATUSES
            # Compress once for the cache, or now for this client; never for nobody.
            entry = Entry.from_response(
                response, generation, compress=stored or _accepts_gzip(request)
            )._replace(keys=response_keys(request))
            if stored:
                generation_cache().set(
                    key, entry.stored(), blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT")
                )
        return _respond(request, entry, shared)

    return wrapper
