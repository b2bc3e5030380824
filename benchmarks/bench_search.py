"""Search benchmark: site search and /api/v1/search at 1,000, 10,000 and 100,000 posts.

``python -m benchmarks.bench_search [--sizes 1000,10000,100000] [--backends sqlite,postgresql]
[--rounds 5] [--quick]`` builds, per backend and size, a throwaway database (a temporary
SQLite file; a PostgreSQL database named skincare_search_bench_<size> on SKINCARE_BENCH_PG's server,
default postgres://postgres@127.0.0.1:5432, skipped when unreachable) with the bulk corpus
(benchmarks/corpus_bulk.py), then times twenty realistic queries (single words, several
words, an author, a product, a typo) through the in-process WSGI handler: p50 and p95
latency per surface. The peer is the query shape before this change (Wagtail's
``queryset.search()`` over the visible posts, a Paginator page of specific pages), timed on
the same database for five of the queries with a time limit per query. Each backend and size
runs in its own process (Django binds one database per process). Results go to the "search"
section of benchmarks/RESULTS.md (table: benchmarks/search_report.py), the plot to
benchmarks/plots/search_p95.png, the raw figures to benchmarks/plots/search.json (a run of
one backend or size keeps the others' figures from earlier runs).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote

COMMAND = "make bench (python -m benchmarks.bench_search)"
QUERIES = (
    "microneedling", "collagen serum", "retinol", "sunscreen spf", "acne scars", "aftercare",
    "melasma tranexamic", "derma roller", "dermaplaning", "rosacea redness", "vitamin c",
    "chemical peel glycolic", "laser pigmentation", "hair loss minoxidil",
    "sensitive skin routine", "Nadia Ferreira", "glide pen", "niacinamide pores",
    "microneedlng",  # a typo: no match, a spelling suggestion
    "how to treat acne scars at home after microneedling",
)  # fmt: skip
PEER_QUERIES = ("microneedling", "collagen serum", "acne scars", "Nadia Ferreira", "retinol")
PEER_LIMIT_S = 20.0
PG_DB = "skincare_search_bench"
GOALS_MS = {("postgresql", 10_000): 50, ("postgresql", 100_000): 150, ("sqlite", 10_000): 1000}


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- worker: one backend, one size -------------------------------------------------------------


def database_url(backend: str, workdir: str, size: int, keep: bool = False) -> str:
    """A new, empty database; on PostgreSQL one per size, so sizes may run side by side.
    With `keep`, an existing PostgreSQL database of that size is reused (migrated, and
    rebuilt only when it does not hold the corpus)."""
    if backend == "sqlite":
        return f"sqlite:///{os.path.join(workdir, 'bench.sqlite3')}"
    import psycopg

    base = os.environ.get("SKINCARE_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    name = f"{PG_DB}_{size}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if keep and exists:
            return f"{base}/{name}"
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return f"{base}/{name}"


def postgres_reachable() -> bool:
    import psycopg

    base = os.environ.get("SKINCARE_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    try:
        psycopg.connect(f"{base}/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def setup_django(backend: str, workdir: str, size: int, keep: bool = False) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = database_url(backend, workdir, size, keep)
    os.environ["DATABASE_CONN_MAX_AGE"] = "600"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    override_settings(
        MEDIA_ROOT=os.path.join(workdir, "media"),
        ALLOWED_HOSTS=["*"],
        SKINCARE_API_CACHE_ENABLED=False,  # every request searches
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    ).enable()
    call_command("migrate", verbosity=0)


def server_cpu_s() -> float:
    """CPU seconds this process's PostgreSQL backend has used (0 on SQLite, which runs in
    the process): with the process's own, a request's cost that the load of a shared
    machine does not inflate the way it inflates wall time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    with open(f"/proc/{pid}/stat") as stat:  # the server runs on this host (127.0.0.1)
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def limited(run, deadline: float) -> None:
    """Run database work, interrupted at `deadline` (SQLite progress handler, PostgreSQL
    statement_timeout): the shape before took over a minute a query at 10,000 posts."""
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "sqlite":
        raw.set_progress_handler(lambda: time.perf_counter() > deadline, 100_000)
    else:
        connection.cursor().execute(f"SET statement_timeout = {int(PEER_LIMIT_S * 1000)}")
    try:
        run()
    finally:
        if connection.vendor == "sqlite":
            raw.set_progress_handler(None, 0)
        else:
            connection.cursor().execute("SET statement_timeout = 0")


def peer_search(text: str) -> None:
    """The shape before: Wagtail's .search() over the visible posts, one Paginator page."""
    from django.core.paginator import Paginator

    from blog.models import ArticlePage, live_posts

    visible = live_posts(None).order_by().values("pk")
    posts = ArticlePage.objects.filter(pk__in=visible).specific().search(text)
    list(Paginator(posts, 10).page(1))


def our_search(text: str) -> None:
    """The same page of results now: ranked ids with the count, then those pages."""
    from blog.models import ArticlePage, live_posts
    from blog.search.ranking import ranked_post_ids

    ranked = ranked_post_ids(live_posts(None), text, 0, 10)
    list(ArticlePage.objects.filter(pk__in=ranked.ids))


def worker(backend: str, size: int, rounds: int, keep: bool = False) -> dict:
    from django.db import DatabaseError

    from benchmarks.api_timing import Wsgi
    from benchmarks.corpus_bulk import build_corpus
    from blog.models import ArticlePage

    started = time.perf_counter()
    if not (keep and ArticlePage.objects.count() == size):
        build_corpus(size)
    build_s = time.perf_counter() - started
    client = Wsgi()
    urls = {
        "site": [f"/search/?q={quote(q)}" for q in QUERIES],
        "api": [f"/api/v1/search?q={quote(q)}" for q in QUERIES],
    }
    for surface in urls.values():  # warm: generation, scope, vocabulary, code paths
        for url in surface:
            status, _ = client.get(url)
            if status != 200:
                raise SystemExit(f"{url} answered {status}")
    samples: dict[str, list[float]] = {"site": [], "api": []}
    cpu: dict[str, list[float]] = {"site": [], "api": []}
    for _ in range(rounds):
        for surface, surface_urls in urls.items():
            for url in surface_urls:
                started = time.process_time() + server_cpu_s()
                ms = timed(lambda url=url: client.get(url))
                samples[surface].append(ms)
                cpu[surface].append((time.process_time() + server_cpu_s() - started) * 1000)
    load = [round(value, 1) for value in os.getloadavg()]  # 1, 5, 15 minutes, after timing
    peer: list[float | None] = []
    ours: list[float] = []
    for query in PEER_QUERIES:
        ours.append(statistics.median(timed(lambda q=query: our_search(q)) for _ in range(3)))
        deadline = time.perf_counter() + PEER_LIMIT_S
        try:
            peer.append(timed(lambda q=query, d=deadline: limited(lambda: peer_search(q), d)))
        except DatabaseError:
            peer.append(None)  # interrupted at the limit
    site_by_query = {
        q: statistics.median(samples["site"][i :: len(QUERIES)]) for i, q in enumerate(QUERIES)
    }
    return {
        "backend": backend,
        "size": size,
        "build_s": build_s,  # near 0 when --keep-db reused a built database
        "site_p50": percentile(samples["site"], 50),
        "site_p95": percentile(samples["site"], 95),
        "api_p50": percentile(samples["api"], 50),
        "api_p95": percentile(samples["api"], 95),
        # CPU ms a request, this process and its database backend (the backend's in clock
        # ticks of 10 ms: the mean is exact, the percentiles coarse).
        "cpu": {
            **{f"{k}_mean": statistics.mean(v) for k, v in cpu.items()},
            **{f"{k}_p{p}": percentile(v, p) for k, v in cpu.items() for p in (50, 95)},
        },
        "slowest": max(site_by_query, key=site_by_query.get),
        "peer_ms": peer,
        "ours_peer_queries_ms": ours,
        "load": load,
    }


# --- main --------------------------------------------------------------------------------------


def run_worker(backend: str, size: int, rounds: int, keep: bool = False) -> dict:
    command = [sys.executable, "-m", "benchmarks.bench_search", "--worker", backend, str(size)]
    command += ["--rounds", str(rounds)] + (["--keep-db"] if keep else [])
    print(f"== {backend}, {size:,} posts", flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{backend} {size}: worker failed\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(result), flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="Corpus sizes.")
    parser.add_argument("--backends", default="sqlite,postgresql", help="sqlite, postgresql.")
    parser.add_argument("--rounds", type=int, default=5, help="Rounds over the queries.")
    parser.add_argument("--quick", action="store_true", help="Smoke run: 200 posts, SQLite.")
    parser.add_argument("--note", default="", help="A sentence appended to the section.")
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="PostgreSQL: reuse skincare_search_bench_<size> when it holds the corpus.",
    )
    parser.add_argument("--report-only", action="store_true", help="Rewrite from search.json.")
    parser.add_argument("--worker", nargs=2, metavar=("BACKEND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        backend, size = args.worker[0], int(args.worker[1])
        workdir = tempfile.mkdtemp(prefix="skincare-bench-search-")
        try:
            setup_django(backend, workdir, size, args.keep_db)
            print(json.dumps(worker(backend, size, args.rounds, args.keep_db)))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return 0
    if args.quick:
        args.sizes, args.backends, args.rounds = "200", "sqlite", 2
    here = os.path.dirname(os.path.abspath(__file__))
    store = os.path.join(here, "plots", "search.json")
    kept = {}
    if not args.quick and os.path.exists(store):
        # Earlier runs of other backends or sizes stay in the table until rerun.
        with open(store) as stored:
            kept = {(r["backend"], r["size"]): r for r in json.load(stored)}
    for backend in [] if args.report_only else args.backends.split(","):
        if backend == "postgresql" and not postgres_reachable():
            print("== postgresql: no server reachable, skipped (earlier figures kept)")
            continue
        for size in args.sizes.split(","):
            kept[(backend, int(size))] = run_worker(backend, int(size), args.rounds, args.keep_db)
            if not args.quick:
                with open(store, "w") as out:
                    json.dump(list(kept.values()), out, indent=1)
    results = sorted(kept.values(), key=lambda r: (r["backend"], r["size"]))
    if args.quick:
        from benchmarks.search_report import report

        print(report(results, args.rounds))
        return 0
    from benchmarks.report import write_section
    from benchmarks.search_report import plot, report

    plot(results, os.path.join(here, "plots", "search_p95.png"))
    write_section("search", f"{report(results, args.rounds)}\n\n{args.note}".strip(), COMMAND)
    return 0


if __name__ == "__main__":
    sys.exit(main())
