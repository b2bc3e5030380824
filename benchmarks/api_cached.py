"""Cache-hit comparisons for the content API benchmark, on the embedded default cache backend.

Every figure here comes from a FileBasedCache in a throwaway directory (what
config/settings/base.py uses when REDIS_URL is unset), for ours and for the peers alike:

* ours: a detail hit answered by CachedApiMiddleware in its slot of settings.MIDDLEWARE;
* the same-slot peer: a trivial middleware in that very slot (cache.get + HttpResponse),
  asked without and with Accept-Encoding: gzip (the peer ignores it; ours then sends the
  stored gzip bytes, an identity client gets them inflated);
* the full-stack peer: a trivial view behind the whole middleware stack;
* the view wrapper serving the hit with CachedApiMiddleware removed, against that view;
* our cached list and detail against API v2, and a 304 revalidation against the view;
* the same-slot comparison again with Redis (production's cache) for both, when it answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.api_timing import (
    REDIS_CACHE,
    Pair,
    Wsgi,
    checked,
    compare,
    cycling,
    redis_answers,
)

PEER_MIDDLEWARE = "benchmarks.bench_api.CachedBytesMiddleware"
OURS_MIDDLEWARE = "content_api.middleware.CachedApiMiddleware"


@dataclass
class CachedFigures:
    same_slot: Pair  # ours vs the trivial middleware in the same slot (the target)
    same_slot_gzip: Pair  # the same, both asked with Accept-Encoding: gzip
    full_stack: Pair  # ours vs the trivial view behind the whole stack
    wrapper: Pair  # view wrapper (our middleware removed) vs the trivial view, same stack
    cached_list: Pair
    cached_detail: Pair
    revalidate: Pair
    slot: str  # where the two middleware sit, for the report
    body_bytes: int
    same_slot_redis: Pair | None = None  # the target's pair on Redis (None: no Redis)


def slot_name(middleware: list[str]) -> str:
    """'3rd, after SecurityMiddleware and CorsMiddleware': where our middleware sits."""
    index = middleware.index(OURS_MIDDLEWARE)
    before = [name.rsplit(".", 1)[1] for name in middleware[:index]]
    ordinal = {1: "1st", 2: "2nd", 3: "3rd"}.get(index + 1, f"{index + 1}th")
    return f"{ordinal}, after {' and '.join(before)}" if before else ordinal


def compare_cached(
    cache_dir: str,
    detail_url: str,
    details: list[str],
    lists: tuple[str, str],
    v2_details: list[str],
    n: int,
    rounds: int,
    bytes_key: str,
) -> CachedFigures:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    file_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": cache_dir,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
    stack = list(settings.MIDDLEWARE)
    same_slot_stack = [PEER_MIDDLEWARE if m == OURS_MIDDLEWARE else m for m in stack]
    without_ours = [m for m in stack if m != OURS_MIDDLEWARE]
    with override_settings(CACHES=file_cache):
        cache.clear()
        client = Wsgi()  # each handler loads the middleware named when it is created
        with override_settings(MIDDLEWARE=same_slot_stack):
            peer_client = Wsgi()
        with override_settings(MIDDLEWARE=without_ours):
            behind = Wsgi()
        _status, body = client.get(detail_url)  # a miss: the view wrapper stores it
        cache.set(bytes_key, body, None)
        ours = cycling(client, [detail_url])
        view = checked(client, "/bench/cached-bytes")
        same_slot = compare(ours, checked(peer_client, "/bench/cached-bytes"), n, rounds)
        gzip = {"Accept-Encoding": "gzip"}
        same_slot_gzip = compare(
            checked(client, detail_url, gzip),
            checked(peer_client, "/bench/cached-bytes", gzip),
            n,
            rounds,
        )
        full_stack = compare(ours, view, n, rounds)
        wrapper = compare(
            cycling(behind, [detail_url]), checked(behind, "/bench/cached-bytes"), n, rounds
        )
        ours_list, v2_list = lists
        cached_list = compare(checked(client, ours_list), checked(client, v2_list), n, rounds)
        cached_detail = compare(cycling(client, details), cycling(client, v2_details), n, rounds)
        etag = Client(HTTP_HOST="localhost").get(ours_list)["ETag"]
        revalidate = compare(
            checked(client, ours_list, {"If-None-Match": etag}, expect=304), view, n, rounds
        )
        cache.clear()
    same_slot_redis = None
    if redis_answers():
        with override_settings(CACHES={"default": dict(REDIS_CACHE)}):
            cache.clear()
            client = Wsgi()
            with override_settings(MIDDLEWARE=same_slot_stack):
                peer_client = Wsgi()
            client.get(detail_url)  # stored by the view wrapper
            cache.set(bytes_key, body, None)
            same_slot_redis = compare(
                cycling(client, [detail_url]),
                checked(peer_client, "/bench/cached-bytes"),
                n,
                rounds,
            )
            cache.clear()
    return CachedFigures(
        same_slot,
        same_slot_gzip,
        full_stack,
        wrapper,
        cached_list,
        cached_detail,
        revalidate,
        slot_name(stack),
        len(body),
        same_slot_redis,
    )
