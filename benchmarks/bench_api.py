"""Content API benchmark: /api/v1/ against Wagtail's API v2 and a trivial cached view.

``python -m benchmarks.bench_api [--articles 1000] [--requests 200] [--quick]`` builds a
throwaway SQLite database in a temporary directory (never the dev db.sqlite3), generates a
seeded corpus of articles and reviews with realistic bodies (headings, linked paragraphs,
images, benefits, phases, citations, FAQ, callouts), then times in the same process, with the
same in-process WSGI handler for every side:

* a list of 20 cards: ours (server cache off) vs API v2 with ``?fields=`` for the same data;
* a post detail: ours (server cache off) vs API v2's page detail with its api_fields;
* a response from the server-side cache vs a trivial Django view returning cached bytes;

and, for information, our cached list/detail and a 304 revalidation. Each figure is the median
of interleaved rounds; ratios are requests per second, ours over the peer. Results go to the
"api" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

COMMAND = "make bench (python -m benchmarks.bench_api)"
TARGETS = {"list": 5.0, "detail": 2.0, "cached": 0.8}
V2_FIELDS = (
    "dek,summary,hero_alt,hero_image,authors,tags,reading_time,word_count,"
    "published_date,updated_date"
)
CACHED_BYTES_KEY = "bench:cached-bytes"

WORDS = (  # noqa: SIM905 - prose, easier to edit as a string
    "skin barrier collagen elastin microneedling serum retinol niacinamide hydration redness "
    "texture pores scarring pigmentation sunscreen cleanser moisturiser ceramides peptides "
    "inflammation healing session needle depth clinic esthetician dermatologist routine "
    "gentle results weeks evidence study patients treatment aftercare irritation tone "
    "firmness fibroblasts channels repair sterile cartridge roller pen settings"
).split()
TAGS = [
    "microneedling", "collagen", "acne scars", "aftercare", "home devices", "serums",
    "sunscreen", "pigmentation", "rosacea", "retinoids", "hydration", "barrier repair",
    "reviews", "clinic treatments", "sensitive skin", "ageing", "texture", "evidence",
]  # fmt: skip


# --- URL configuration for the trivial peer (loaded by Django as ROOT_URLCONF) ----------------


def cached_bytes_view(request):
    """The floor for a cached response: one cache read, bytes out, nothing else."""
    from django.core.cache import cache
    from django.http import HttpResponse

    return HttpResponse(cache.get(CACHED_BYTES_KEY), content_type="application/json")


def __getattr__(name: str):
    # PEP 562: built on first access, after django.setup(), so importing this module is cheap.
    if name == "urlpatterns":
        from django.urls import path

        from config.urls import urlpatterns as site_patterns

        return [path("bench/cached-bytes", cached_bytes_view), *site_patterns]
    raise AttributeError(name)


# --- environment -------------------------------------------------------------------------------


def setup_django(workdir: str) -> None:
    """Point Django at a throwaway SQLite file and media directory, then migrate."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(workdir, 'bench.sqlite3')}"
    os.environ["DATABASE_CONN_MAX_AGE"] = "600"  # persistent, as in production
    import django

    django.setup()
    from django.test.utils import override_settings

    override_settings(
        MEDIA_ROOT=os.path.join(workdir, "media"),
        ROOT_URLCONF="benchmarks.bench_api",
        ALLOWED_HOSTS=["*"],
        # Publishing must not run other apps' background work (link checks) during the build.
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "bench",
                "OPTIONS": {"MAX_ENTRIES": 100_000},
            }
        },
    ).enable()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- corpus ------------------------------------------------------------------------------------


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, link_ids: list[int]) -> str:
    parts = [sentence(rng, rng.randint(12, 22)) for _ in range(rng.randint(4, 6))]
    if link_ids:
        target = rng.choice(link_ids)
        parts.insert(
            1, f'See <a linktype="page" id="{target}">our guide to {rng.choice(WORDS)}</a>.'
        )
    parts.append(
        f'<a href="https://pubmed.ncbi.nlm.nih.gov/{rng.randint(10**6, 10**7)}/">Study</a>.'
    )
    return "<p>" + " ".join(parts) + "</p>"


def html(rng: random.Random, words: int) -> str:
    return f"<p>{sentence(rng, words)}</p>"


def title(rng: random.Random, words: int) -> str:
    return sentence(rng, words).rstrip(".")


def citation(rng: random.Random) -> dict:
    return {
        "authors": f"{rng.choice(WORDS).title()} A, {rng.choice(WORDS).title()} B",
        "title": title(rng, 8),
        "publisher": f"Journal of {rng.choice(WORDS).title()} Dermatology",
        "year": rng.randint(1995, 2025),
        "doi": f"10.{rng.randint(1000, 9999)}/jd.{rng.randint(100, 999)}",
        "pmid": str(rng.randint(10**6, 10**7)),
        "url": "",
    }


def phase(rng: random.Random, name: str, label: str, start: tuple, end: tuple) -> dict:
    return {
        "name": name,
        "label": label,
        "start": {"value": start[0], "unit": start[1]},
        "end": {"value": end[0], "unit": end[1]},
        "description": html(rng, 18),
    }


def body(rng: random.Random, link_ids: list[int], images: list) -> list[tuple]:
    """Fifteen blocks of every kind an article uses, with internal and external links."""
    benefits = [
        {"title": title(rng, 3), "explanation": html(rng, 25), "citations": str(rng.randint(1, 3))}
        for _ in range(5)
    ]
    phases = [
        phase(rng, "Inflammatory", "straight away", (0, "hours"), (3, "days")),
        phase(rng, "Proliferative", "within days", (3, "days"), (3, "weeks")),
        phase(rng, "Remodelling", "over months", (3, "weeks"), (None, "months")),
    ]
    faq = [{"question": title(rng, 6) + "?", "answer": html(rng, 22)} for _ in range(3)]
    image = {
        "image": rng.choice(images),
        "alt_text": sentence(rng, 6),
        "caption": sentence(rng, 5),
        "attribution": "",
    }
    callout = {"kind": "professional", "title": "See a professional", "body": html(rng, 20)}
    return [
        ("heading", {"text": title(rng, 4), "level": "h2", "anchor": ""}),
        ("paragraph", paragraph(rng, link_ids)),
        ("paragraph", paragraph(rng, link_ids)),
        ("image", image),
        ("benefits", {"heading": "Benefits", "intro": html(rng, 14), "items": benefits}),
        ("heading", {"text": title(rng, 3), "level": "h2", "anchor": ""}),
        ("paragraph", paragraph(rng, link_ids)),
        ("phases", {"heading": "Recovery timeline", "intro": "", "items": phases}),
        ("callout", callout),
        ("heading", {"text": title(rng, 3), "level": "h3", "anchor": ""}),
        ("paragraph", paragraph(rng, link_ids)),
        ("paragraph", paragraph(rng, link_ids)),
        ("faq", {"heading": "Frequently asked questions", "items": faq}),
        ("citations", {"heading": "References", "items": [citation(rng) for _ in range(3)]}),
    ]


def png(size: tuple[int, int], colour: tuple[int, int, int]):
    from django.core.files.images import ImageFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return ImageFile(buffer, name="bench.png")


def build_corpus(articles: int, seed: int = 7) -> dict:
    """Site, authors, images and `articles` posts (every tenth a review), all published."""
    from datetime import date, timedelta
    from decimal import Decimal

    from django.utils import timezone
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    from blog.models import (
        ArticleAuthor,
        ArticlePage,
        Author,
        BlogIndexPage,
        ProductReviewPage,
        ReviewBuyLink,
    )
    from pages.models import HomePage

    rng = random.Random(seed)
    Image = get_image_model()
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = root.add_child(instance=HomePage(title="Skin Notes", slug="home"))
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Skin Notes"
    )
    index = home.add_child(instance=BlogIndexPage(title="Journal", slug="blog"))
    heroes = [
        Image.objects.create(title=f"Hero {i}", file=png((1600, 900), (200, 120 + i, 140)))
        for i in range(40)
    ]
    authors = []
    for i in range(8):
        photo = Image.objects.create(title=f"Photo {i}", file=png((400, 400), (120, 150, 160 + i)))
        author = Author(
            name=f"Author {i}",
            slug=f"author-{i}",
            credentials="Licensed esthetician" if i % 2 else "MD",
            role="Writer",
            can_review=i < 3,
            live=True,
            bio=html(rng, 20),
            website=f"https://author{i}.example/",
            photo=photo,
        )
        author.save()
        authors.append(author)
    ids: list[int] = []
    start = date(2020, 1, 1)
    now = timezone.now()
    for i in range(articles):
        review = i % 10 == 9
        model = ProductReviewPage if review else ArticlePage
        fields = {
            "title": f"{title(rng, rng.randint(4, 8))} ({i})",
            "slug": f"post-{i}",
            "dek": sentence(rng, 12),
            "summary": sentence(rng, 30),
            "hero_image": rng.choice(heroes),
            "hero_alt": sentence(rng, 6),
            "body": body(rng, ids[-200:], heroes),
            "published_date": start + timedelta(days=i),
            "medical_reviewer": authors[i % 3] if i % 2 else None,
            "last_reviewed": start + timedelta(days=i) if i % 2 else None,
            "first_published_at": now,
            "last_published_at": now,
            "live": True,
        }
        if review:
            fields.update(
                product_name=f"Device {i}",
                brand="Lumen",
                category="microneedling_pen",
                rating=Decimal("4.2"),
                verdict=sentence(rng, 20),
                price=Decimal("89.00"),
            )
        page = model(**fields)
        page.article_authors = [
            ArticleAuthor(author=author, sort_order=n)
            for n, author in enumerate(rng.sample(authors, 2))
        ]
        if review:
            page.buy_links = [
                ReviewBuyLink(retailer="Shop", url=f"https://shop.example/{i}", sort_order=0)
            ]
        page.tags.set(rng.sample(TAGS, 3))
        index.add_child(instance=page)
        ids.append(page.pk)
    return {"ids": ids, "index": index}


# --- timing ------------------------------------------------------------------------------------


class Wsgi:
    """Calls Django's WSGI handler in-process, exactly as a server would, for every side."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()

    def get(self, url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "HTTP_HOST": "localhost",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        status: list[str] = []
        chunks = self.handler(environ, lambda s, h, exc_info=None: status.append(s))
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        return int(status[0].split()[0]), body


@dataclass
class Pair:
    """Interleaved rounds of two workloads; medians of per-round requests per second."""

    ours: list[float]
    peer: list[float]

    @property
    def ours_rps(self) -> float:
        return statistics.median(self.ours)

    @property
    def peer_rps(self) -> float:
        return statistics.median(self.peer)

    @property
    def ratio(self) -> float:
        return self.ours_rps / self.peer_rps


def rate(run: Callable[[int], None], n: int) -> float:
    started = time.perf_counter()
    for i in range(n):
        run(i)
    return n / (time.perf_counter() - started)


def compare(ours: Callable[[int], None], peer: Callable[[int], None], n: int, rounds: int) -> Pair:
    for i in range(min(n, 20)):  # warm both: renditions, caches, code paths
        ours(i)
        peer(i)
    pair = Pair([], [])
    for _ in range(rounds):
        pair.ours.append(rate(ours, n))
        pair.peer.append(rate(peer, n))
    return pair


def checked(client: Wsgi, url: str, headers=None, expect: int = 200) -> Callable[[int], None]:
    def run(_i: int) -> None:
        status, _ = client.get(url, headers)
        if status != expect:
            raise SystemExit(f"{url} answered {status}, expected {expect}")

    return run


def cycling(client: Wsgi, urls: list[str]) -> Callable[[int], None]:
    def run(i: int) -> None:
        status, _ = client.get(urls[i % len(urls)])
        if status != 200:
            raise SystemExit(f"{urls[i % len(urls)]} answered {status}")

    return run


def count_queries(client: Wsgi, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


# --- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=1000, help="Posts in the corpus (default 1000)."
    )
    parser.add_argument(
        "--requests", type=int, default=200, help="Requests per round (default 200)."
    )
    parser.add_argument("--rounds", type=int, default=5, help="Interleaved rounds per comparison.")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="Smoke run: 120 posts, 40 requests, 3 rounds; writes no results.",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.requests, args.rounds = 120, 40, 3

    workdir = tempfile.mkdtemp(prefix="skincare-bench-api-")
    try:
        setup_django(workdir)
        return run(args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    print(f"building {args.articles} posts ...", flush=True)
    started = time.perf_counter()
    corpus = build_corpus(args.articles)
    build_seconds = time.perf_counter() - started
    ids: list[int] = corpus["ids"]
    client = Wsgi()
    n, rounds = args.requests, args.rounds
    sample = ids[len(ids) // 2 :: 7][:50]  # articles and reviews from the corpus's second half
    print(f"built in {build_seconds:.0f} s; timing ...", flush=True)

    ours_list = "/api/v1/articles?limit=20"
    v2_list = f"/api/v2/pages/?type=blog.ArticlePage&fields={V2_FIELDS}&limit=20"
    ours_details = [f"/api/v1/articles/{pk}" for pk in sample]
    v2_details = [f"/api/v2/pages/{pk}/" for pk in sample]
    for url in [ours_list, v2_list, *ours_details, *v2_details]:
        client.get(url)  # make every rendition both sides will ask for

    with override_settings(SKINCARE_API_CACHE_ENABLED=False):
        list_pair = compare(checked(client, ours_list), checked(client, v2_list), n, rounds)
        detail_pair = compare(cycling(client, ours_details), cycling(client, v2_details), n, rounds)
        queries = {
            "ours list": count_queries(client, ours_list),
            "v2 list": count_queries(client, v2_list),
            "ours detail": count_queries(client, ours_details[0]),
            "v2 detail": count_queries(client, v2_details[0]),
        }

    cache.clear()
    _status, detail_body = client.get(ours_details[0])
    cache.set(CACHED_BYTES_KEY, detail_body, None)
    trivial = checked(client, "/bench/cached-bytes")
    cached_pair = compare(cycling(client, [ours_details[0]]), trivial, n, rounds)
    full_stack = [m for m in settings.MIDDLEWARE if not m.endswith("CachedApiMiddleware")]
    with override_settings(MIDDLEWARE=full_stack):
        behind = Wsgi()  # the handler loads its middleware when it is created
        cached_wrapper = compare(
            cycling(behind, [ours_details[0]]), checked(behind, "/bench/cached-bytes"), n, rounds
        )
    cached_list = compare(checked(client, ours_list), checked(client, v2_list), n, rounds)
    cached_detail = compare(cycling(client, ours_details), cycling(client, v2_details), n, rounds)
    etag = Client(HTTP_HOST="localhost").get(ours_list)["ETag"]
    revalidate = compare(
        checked(client, ours_list, {"If-None-Match": etag}, expect=304), trivial, n, rounds
    )

    results = {"list": list_pair.ratio, "detail": detail_pair.ratio, "cached": cached_pair.ratio}
    met = {name: results[name] >= TARGETS[name] for name in TARGETS}
    rows = [
        ("list of 20 cards", "`/api/v1/articles?limit=20`, server cache off",
         "API v2 `?fields=` with the same card data", list_pair, TARGETS["list"]),
        ("post detail", "`/api/v1/articles/{id}`, server cache off",
         "API v2 `/pages/{id}/` (its api_fields)", detail_pair, TARGETS["detail"]),
        ("cached response", "detail from the server cache (CachedApiMiddleware)",
         "trivial view: cache.get + HttpResponse", cached_pair, TARGETS["cached"]),
        ("cached response", "same hit, served by the view wrapper (middleware removed)",
         "trivial view, same stack", cached_wrapper, None),
        ("list of 20 cards", "server cache on", "API v2 (has no server cache)", cached_list, None),
        ("post detail", "server cache on", "API v2 (has no server cache)", cached_detail, None),
        ("revalidation", "If-None-Match, 304", "trivial view", revalidate, None),
    ]  # fmt: skip
    lines = [
        f"Corpus: {args.articles} posts (every tenth a product review) in a throwaway SQLite "
        f"file, 8 authors with photos, 40 hero images; bodies of 14 blocks (headings, paragraphs "
        f"with internal and external links, an image, benefits, phases, a callout, FAQ and "
        f"citations: ~{len(detail_body) // 1024} KB of detail JSON). Built in "
        f"{build_seconds:.0f} s. Every request goes through Django's WSGIHandler in-process with "
        f"the project's middleware; {rounds} interleaved rounds of {n} requests, medians of "
        f"requests/s. Detail runs cycle over {len(sample)} posts (articles and reviews) from the "
        "second half of the corpus. Renditions exist before timing. The trivial peer runs the full middleware "
        "stack; our hits are answered by CachedApiMiddleware right after SecurityMiddleware "
        "(the next row shows the same hit served by the view wrapper behind the full stack).",
        "",
        "| workload | ours | req/s | peer | req/s | ratio | target |",
        "| --- | --- | ---: | --- | ---: | ---: | --- |",
        *(table_row(*row) for row in rows),
        "",
        f"Queries per request with the server cache off: ours list {queries['ours list']}, "
        f"v2 list {queries['v2 list']}, ours detail {queries['ours detail']}, v2 detail "
        f"{queries['v2 detail']}. Our detail also carries sanitised HTML, typed blocks, "
        "renditions at four widths, related posts and the JSON-LD graph.",
        "",
        "Targets: "
        + ", ".join(f"{k} {results[k]:.2f}x {'met' if met[k] else 'MISSED'}" for k in TARGETS)
        + ".",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.quick:
        from benchmarks.report import write_section

        write_section("api", text, command=COMMAND)
    return 0 if all(met.values()) else 1


def table_row(label: str, ours: str, peer: str, pair: Pair, target: float | None) -> str:
    verdict = ""
    if target is not None:
        verdict = f"**{'met' if pair.ratio >= target else 'MISSED'}** (>= {target}x)"
    return (
        f"| {label} | {ours} | {pair.ours_rps:,.0f} | {peer} | {pair.peer_rps:,.0f} "
        f"| {pair.ratio:.2f}x | {verdict} |"
    )


if __name__ == "__main__":
    sys.exit(main())
