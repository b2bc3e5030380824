"""The full-page cache: what anonymous readers get from Wagtail's pages, per content generation.

Home, blog index (with its page, tag and author parameters), posts and author profiles are
the same for every anonymous reader of a host until content changes, and every change
that shows on them starts a new content generation (blog.signal_handlers: publish,
unpublish, delete, move, author and site settings saves). So a rendered page is stored with
the generation it was built in, keyed by host, path and query, and one from an older
generation is never served: invalidation is the one write that starts a generation, seen by
every process sharing the cache.

Only what is the same for everyone is stored: 200s of Wagtail's page-serving view to a
request without a session, without Set-Cookie, CSRF token or private Cache-Control, and not
a preview. Requests that carry a session cookie (logged-in editors)
never read the cache, so an editor always sees the page rendered for them.
"""

from __future__ import annotations

import time
from typing import NamedTuple

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import ResponseHeaders
from django.utils.cache import cc_delim_re

from .conf import blog_setting
from .representation.generation import (
    Generation,
    generation_cache,
    read_with_generation,
)
from .request_keys import request_key

# The only query parameters a cached page may have: the blog index's pagination and filters.
CACHED_PARAMETERS = frozenset({"page", "tag", "author"})
# With a session (logged in, or a passed password restriction) or pending messages, the
# reader may get a page of their own.
MESSAGES_COOKIE = "messages"
PRIVATE_DIRECTIVES = frozenset({"private", "no-store", "no-cache"})
# Never stored: a cookie is the reader's own; the length is set from the stored body.
UNSTORED_HEADERS = frozenset({"content-length", "set-cookie"})
# Named in the key, so an entry of another layout (an older release) is never read.
KEY_PREFIX = "skincare-site:page:2:"


class PageEntry(NamedTuple):
    """A stored page (a plain tuple: cheap to pickle) and the generation it was built in."""

    token: str
    status: int
    # The response's final headers, Content-Length included, as Django's own mapping: a hit
    # hands them to its response whole instead of setting (and re-checking) each one.
    headers: ResponseHeaders
    body: bytes
    # The served page's expire_at (a timestamp): past it, the entry is not served even if
    # the expiry was set without a signal (a queryset update) and the generation did not end.
    expires: float | None = None


def page_key(request: HttpRequest) -> str | None:
    """The cache key of an anonymous page request, or None when it must not use the cache."""
    if request.method not in ("GET", "HEAD") or not blog_setting("SKINCARE_BLOG_PAGE_CACHE"):
        return None
    # Cookies and the query string are parsed only when present: most hits have neither.
    if "HTTP_COOKIE" in request.META:
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
            return None
    normal_query = ""
    if request.META.get("QUERY_STRING"):
        query = request.GET
        if any(name not in CACHED_PARAMETERS or len(values) != 1 for name, values in query.lists()):
            return None
        normal_query = "&".join(f"{name}={query[name]}" for name in sorted(query))
    return request_key(KEY_PREFIX, request, normal_query)


def lookup(key: str) -> tuple[Generation, PageEntry | None]:
    """The current generation and the stored page when built in it (one cache round trip)."""
    generation, entry = read_with_generation(key)
    if entry is not None and (
        entry.token != generation.token or (entry.expires and time.time() >= entry.expires)
    ):
        entry = None
    return generation, entry


def respond(entry: PageEntry) -> HttpResponse:
    response = HttpResponse(entry.body, status=entry.status)
    # Each hit unpickles its own copy of the headers, so the middleware above may change them.
    # Setting the headers one by one (each name and value re-checked) made this step 3.9x a
    # bare HttpResponse; whole, 1.6x (timeit, 2026-11-30, a loaded machine).
    response.headers = entry.headers
    return response


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether `response` is the page every anonymous reader of this URL gets."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not getattr(request, "skincare_page_cacheable", False):
        return False  # not Wagtail's page-serving view
    if getattr(request, "is_preview", False) or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_USED"):
        return False  # the page holds a CSRF token (a form): it is the reader's own
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # `Vary: Cookie` is on nearly every page (the user bar reads the session), but a session
    # cookie never reaches this point (page_key) and a new one would be in Set-Cookie: the
    # page is the one for readers without a session, which is what the key stands for.
    if "*" in {part.strip() for part in cc_delim_re.split(response.get("Vary", ""))}:
        return False
    control = response.get("Cache-Control", "").lower()
    directives = {part.split("=", 1)[0].strip() for part in control.split(",")}
    return not directives & PRIVATE_DIRECTIVES


def store(request: HttpRequest, key: str, generation: Generation, response: HttpResponse) -> None:
    body = response.content
    headers = ResponseHeaders(
        {name: value for name, value in response.items() if name.lower() not in UNSTORED_HEADERS}
    )
    headers["Content-Length"] = str(len(body))
    route = getattr(request, "_wagtail_route_for_request", None)
    expire_at = route[0].expire_at if route else None
    entry = PageEntry(
        generation.token,
        response.status_code,
        headers,
        body,
        expire_at.timestamp() if expire_at else None,
    )
    generation_cache().set(key, entry, blog_setting("SKINCARE_BLOG_CACHE_TIMEOUT"))
