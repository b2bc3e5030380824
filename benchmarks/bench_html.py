"""Reader HTML benchmark: Wagtail's pages against the content API and a trivial cached page.

``python -m benchmarks.bench_html [--articles 1000] [--requests 100] [--quick] [--profile]``
builds the API benchmark's corpus (benchmarks.corpus_api) in a throwaway SQLite database and
times, through Django's WSGIHandler in-process with the project's middleware:

* an article page rendered by Wagtail (full-page cache off) vs the API detail of the same
  posts (API server cache off), cycling over the same sample: as shipped, with the page's
  fragments (blog.fragments) cached per generation, and again with the fragment cache off;
* an article page answered by the full-page cache (blog.middleware.PageCacheMiddleware) vs a
  trivial middleware in the same slot of the stack returning the same bytes from the cache;
* the sitemap index and a sitemap page (1,000 URLs).

Each figure is the median of interleaved rounds; ratios are requests per second, ours over
the peer. Queries per page are counted on warm requests. ``--profile`` prints a cProfile of
uncached article pages. Results go to the "html" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time

from benchmarks.api_timing import (
    REDIS_CACHE,
    Wsgi,
    checked,
    compare,
    count_queries,
    cycling,
    redis_answers,
)
from benchmarks.bench_api import setup_django, table_row
from benchmarks.corpus_api import build_corpus

COMMAND = "make bench (python -m benchmarks.bench_html)"
TARGETS = {"article": 0.8, "cached": 0.8, "cached_redis": 0.8}

OURS_MIDDLEWARE = "blog.middleware.PageCacheMiddleware"
PEER_MIDDLEWARE = "benchmarks.bench_html.CachedPageMiddleware"
CACHED_PAGE_KEY = "bench:cached-page"
PEER_PATH = "/bench/cached-page"


class CachedPageMiddleware:
    """The floor for a cached page, put in PageCacheMiddleware's slot: one cache read of the
    same page's bytes and an HttpResponse, skipping the same middleware ours skips."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == PEER_PATH:
            from django.core.cache import cache
            from django.http import HttpResponse

            return HttpResponse(cache.get(CACHED_PAGE_KEY))
        return self.get_response(request)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="Posts (default 1000).")
    parser.add_argument("--requests", type=int, default=60, help="Requests per round.")
    parser.add_argument("--rounds", type=int, default=5, help="Interleaved rounds.")
    parser.add_argument(
        "--quick", action="store_true", help="Smoke run: 120 posts, 20 requests, 3 rounds."
    )
    parser.add_argument(
        "--profile", action="store_true", help="Print a cProfile of uncached article pages."
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.requests, args.rounds = 120, 20, 3
    workdir = tempfile.mkdtemp(prefix="skincare-bench-html-")
    try:
        setup_django(workdir)
        return run(args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.cache import cache
    from django.test.utils import override_settings

    from blog.models import ArticlePage

    print(f"building {args.articles} posts ...", flush=True)
    started = time.perf_counter()
    corpus = build_corpus(args.articles)
    build_seconds = time.perf_counter() - started
    ids: list[int] = corpus["ids"]
    sample = ids[len(ids) // 2 :: 7][:50]
    urls = dict(ArticlePage.objects.filter(pk__in=sample).values_list("pk", "url_path"))
    root = ArticlePage.objects.get(pk=sample[0]).get_site().root_page.url_path
    pages = [urls[pk][len(root) - 1 :] for pk in sample]
    details = [f"/api/v1/articles/{pk}" for pk in sample]
    client = Wsgi()
    n, rounds = args.requests, args.rounds
    print(f"built in {build_seconds:.0f} s; timing ...", flush=True)

    # A server error stops the run with its traceback instead of a bare status.
    override_settings(DEBUG_PROPAGATE_EXCEPTIONS=True).enable()
    uncached = override_settings(SKINCARE_BLOG_PAGE_CACHE=False, SKINCARE_API_CACHE_ENABLED=False)
    with uncached:
        for url in [*pages, *details, "/", "/blog/", "/blog/authors/author-1/"]:
            client.get(url)  # renditions, route and site caches
        article = compare(cycling(client, pages), cycling(client, details), n, rounds)
        with override_settings(SKINCARE_BLOG_FRAGMENT_CACHE=False):
            unfragmented = compare(cycling(client, pages), cycling(client, details), n, rounds)
            no_fragments = count_queries(client, pages[0])
        queries = {
            "article page": count_queries(client, pages[0]),
            "article page without fragments": no_fragments,
            "API detail": count_queries(client, details[0]),
            "home": count_queries(client, "/"),
            "blog index": count_queries(client, "/blog/"),
            "author profile": count_queries(client, "/blog/authors/author-1/"),
        }
        if args.profile:
            profile(client, pages, n)

    # The cache hit against the trivial middleware in the same slot, same bytes, same cache.
    middleware = list(settings.MIDDLEWARE)
    slot = middleware.index(OURS_MIDDLEWARE)
    with override_settings(
        MIDDLEWARE=[*middleware[:slot], PEER_MIDDLEWARE, *middleware[slot + 1 :]]
    ):
        peer_client = Wsgi()

    def cached_pair():
        _status, body = client.get(pages[0])  # stored in the page cache
        cache.set(CACHED_PAGE_KEY, body, None)
        return compare(checked(client, pages[0]), checked(peer_client, PEER_PATH), n, rounds)

    cached = cached_pair()
    hit_queries = count_queries(client, pages[0])
    # Production's cache: both sides make one Redis round trip (ours an MGET of the generation
    # and the page, the peer a GET of the page), when Redis answers on loopback.
    cached_redis = None
    if redis_answers():
        with override_settings(CACHES={"default": {**REDIS_CACHE}}):
            cache.clear()
            cached_redis = cached_pair()
            cache.clear()

    index_url, page_url = "/sitemap.xml", "/sitemap-pages.xml"
    sitemap_index = compare(checked(client, index_url), checked(client, page_url), n // 4 or 1, 3)
    queries["sitemap index"] = count_queries(client, index_url)
    queries["sitemap page"] = count_queries(client, page_url)
    queries["sitemap page 2"] = count_queries(client, page_url + "?p=2")

    results = {"article": article.ratio, "cached": cached.ratio}
    if cached_redis is not None:
        results["cached_redis"] = cached_redis.ratio
    met = {name: results[name] >= TARGETS[name] for name in TARGETS if name in results}
    pairs = (article, unfragmented, cached, cached_redis, sitemap_index)
    text = report(args, build_seconds, sample, pairs, queries, hit_queries)
    text += "\n\nTargets: " + ", ".join(
        f"{k} {results[k]:.2f}x {'met' if met[k] else 'MISSED'}" for k in met
    )
    text += "."
    print(text)
    if not args.quick:
        from benchmarks.report import write_section

        write_section("html", text, command=COMMAND)
    return 0 if all(met.values()) else 1


def profile(client: Wsgi, pages: list[str], n: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    cycling(client, pages)
    for i in range(n):
        client.get(pages[i % len(pages)])
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def report(args, build_seconds, sample, pairs, queries, hit_queries) -> str:
    article, unfragmented, cached, cached_redis, sitemaps = pairs
    redis_rows = [
        ("cached article page, Redis", "full-page cache hit, the cache on Redis (loopback)",
         "the same trivial middleware, the same Redis", cached_redis, TARGETS["cached_redis"]),
    ] if cached_redis is not None else []  # fmt: skip
    rows = [
        ("article page", "Wagtail page, full-page cache off (fragments cached, as shipped)",
         "API detail of the same posts, server cache off", article, TARGETS["article"]),
        ("article page, no fragments", "the same, fragment cache off too",
         "API detail of the same posts, server cache off", unfragmented, None),
        ("cached article page", "full-page cache hit (PageCacheMiddleware)",
         "trivial middleware in the same slot: cache.get + HttpResponse", cached,
         TARGETS["cached"]),
        *redis_rows,
        ("sitemap", "index (`/sitemap.xml`)", "first page (`/sitemap-pages.xml`, 1,000 URLs)",
         sitemaps, None),
    ]  # fmt: skip
    counted = ", ".join(f"{name} {count}" for name, count in queries.items())
    return "\n".join(
        [
            f"Corpus: benchmarks.corpus_api, {args.articles} posts (every tenth a review) in a "
            f"throwaway SQLite file, built in {build_seconds:.0f} s. Every request goes through "
            "Django's WSGIHandler in-process with the project's middleware and a LocMemCache "
            "for both sides (the cached page again with Redis on loopback for both, when it "
            f"answers: production's cache); {args.rounds} interleaved rounds of {args.requests} requests, "
            f"medians of requests/s. Article runs cycle over {len(sample)} posts (articles and "
            "reviews) from the second half of the corpus; renditions, routes and the site "
            "lookup are warm. On this 2-core machine absolute rates vary from run to run; "
            "ratios come from interleaved rounds. As shipped, a "
            "post's heading, byline, body, author boxes and related cards are fragments cached "
            "per content generation, revision and Site (blog.fragments), so after a post's "
            "first view in a generation they are read, not rendered; the second row renders "
            "every part on every request.",
            "",
            "| workload | ours | req/s | peer | req/s | ratio | target |",
            "| --- | --- | ---: | --- | ---: | ---: | --- |",
            *(table_row(*row) for row in rows),
            "",
            f"Warm queries per request: {counted}; a full-page cache hit: {hit_queries}.",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
