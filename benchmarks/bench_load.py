"""Load benchmark: locust against the production server (gunicorn) on loopback.

``python -m benchmarks.bench_load [--posts 1000] [--users 10,50,200] [--seconds 20] [--quick]``

Runs the production stack's own pieces (scripts/prodstack.py: `config.settings.production`,
PostgreSQL, Redis, gunicorn gthread workers) on 127.0.0.1: migrates a database of its own
(default ``skincare_bench_load``, created if missing), writes a corpus of 1,000 live posts in
bulk (``benchmarks.corpus_bulk``; kept between runs when it is already there), starts one
gunicorn node on a free port, requests every sample path once, then runs locust headless
(``--headless -u N -r N -t 20s --csv``) per endpoint and number of users: the API list, an API
detail, an article page and a search. It writes the section "load" of RESULTS.md and a plot
(benchmarks/plots/load.png), and stops everything it started. About 5 minutes in all.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.procstat import tree_cpu
from scripts.prodstack import ROOT, Stack, prepare, production_env

COMMAND = "make bench-load (python -m benchmarks.bench_load)"
ENDPOINTS = {
    "api_list": "API list, `/api/v1/articles?limit=20` (server cache)",
    "api_detail": "API detail, `/api/v1/articles/{id}` over 50 posts (server cache)",
    "article": "article page, 50 posts (full-page cache, blog.pagecache)",
    "search": "search page, `/search/?q=` over 12 queries (no cache)",
}
CACHED = ("api_list", "api_detail", "article")
GOAL_P99_MS = 250
GOAL_USERS = 50
QUERIES = [
    "collagen", "retinol", "sunscreen", "acne scars", "barrier", "microneedling",
    "niacinamide", "hydration", "rosacea", "pigmentation", "serum", "aftercare",
]  # fmt: skip


def load_env(database_url: str, redis_url: str) -> dict[str, str]:
    return production_env(
        {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Hashed names without the gzip/Brotli copies: static files are not under load.
            "SKINCARE_STATIC_COMPRESS": "0",
        }
    )


def build(posts: int, out: str) -> None:
    """Child-process body (production settings): the corpus, then the sample paths as JSON."""
    import django

    django.setup()
    from wagtail.models import Site

    from benchmarks.corpus_bulk import build_corpus
    from blog.models import ArticlePage

    live = ArticlePage.objects.live()
    if live.count() != posts:
        build_corpus(posts)
    site = Site.objects.get(is_default_site=True)
    sample = list(live.order_by("pk")[posts // 2 :: max(1, posts // 100)][:50])
    paths = {
        "api_list": ["/api/v1/articles?limit=20"],
        "api_detail": [f"/api/v1/articles/{page.pk}" for page in sample],
        "article": [page.relative_url(site) for page in sample],
        "search": [f"/search/?q={query.replace(' ', '+')}" for query in QUERIES],
    }
    Path(out).write_text(json.dumps(paths))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def warm(port: int, paths: dict[str, list[str]]) -> None:
    """Every sample path once, so cached endpoints start from a warm cache; all must be 200."""
    for target, urls in paths.items():
        for path in urls:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
            with urllib.request.urlopen(request, timeout=60) as response:
                if response.status != 200:
                    raise RuntimeError(f"{target} {path} answered {response.status}")


def run_locust(
    port: int, target: str, users: int, seconds: int, paths_file: str, tmp: str, server: int
):
    prefix = os.path.join(tmp, f"{target}-{users}")
    env = {**os.environ, "LOAD_TARGET": target, "LOAD_URLS": paths_file}
    command = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "benchmarks" / "load_locustfile.py"),
        "--headless", "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
        "--csv", prefix, "--host", f"http://127.0.0.1:{port}", "--only-summary",
        "--stop-timeout", "5", "--loglevel", "WARNING",
    ]  # fmt: skip
    # locust exits 1 when any request failed; the failures are read from its CSV.
    cpu_before = tree_cpu(server)
    subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, timeout=seconds + 60, check=False
    )
    cpu_after = tree_cpu(server)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Name"] == "Aggregated")
    count = int(row["Request Count"])
    return {
        "target": target,
        "users": users,
        "requests": count,
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "p50": float(row["50%"] or 0),
        "p99": float(row["99%"] or 0),
        # gunicorn's own CPU (master and workers) per request: what a request costs the
        # server, which the shared machine's load changes far less than latency.
        "cpu_ms": (cpu_after - cpu_before) * 1000 / count
        if cpu_before is not None and cpu_after is not None and count
        else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000, help="live posts in the corpus")
    parser.add_argument("--users", default="10,50,200", help="concurrent users, comma-separated")
    parser.add_argument("--seconds", type=int, default=20, help="seconds per locust run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/skincare_bench_load"
        ),
        help="PostgreSQL database of its own (created if missing; env LOAD_DATABASE_URL)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/4"),
        help="Redis database for the cache (env LOAD_REDIS_URL)",
    )
    parser.add_argument("--quick", action="store_true", help="10 users, 5 s; writes no results")
    parser.add_argument("--build", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build(args.posts, args.build)
        return 0
    users = [10] if args.quick else [int(u) for u in args.users.split(",")]
    seconds = 5 if args.quick else args.seconds

    started = time.monotonic()
    env = load_env(args.database_url, args.redis_url)
    tmp = tempfile.mkdtemp(prefix="skincare-bench-load-")
    paths_file = os.path.join(tmp, "paths.json")
    print("bench_load: migrate, collectstatic, corpus ...", flush=True)
    prepare(env)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_load", "--posts", str(args.posts),
         "--build", paths_file],
        cwd=ROOT, env=env, check=True, timeout=900,
    )  # fmt: skip
    paths = json.loads(Path(paths_file).read_text())
    stack = Stack(env, workers=args.workers, threads=args.threads, log_dir=Path(tmp))
    port = free_port()
    results = []
    try:
        node = stack.start_node("web", port)
        warm(port, paths)
        for target in ENDPOINTS:
            for count in users:
                result = run_locust(port, target, count, seconds, paths_file, tmp, node.pid)
                print(f"  {target} {count} users: {result}", flush=True)
                results.append(result)
    finally:
        stack.stop_all()
    elapsed = time.monotonic() - started
    from benchmarks.load_report import render

    body, passed = render(results, args, elapsed, quick=args.quick)
    print(body)
    if not args.quick:
        from benchmarks.report import write_section

        write_section("load", body, command=COMMAND)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
