"""Memory and database connections of a gthread gunicorn worker over N requests.

    python -m scripts.memory_check [--requests 500] [--threads 8] [--backend sqlite|postgres|both]
                                   [--write-results]

Serves the demo content with config.settings.production (SQLite in single-node mode, or
PostgreSQL with Redis), one gunicorn worker with --threads threads, and sends the requests
from as many client threads over a mix of pages and API URLs. Prints the worker's RSS after a
warm-up and after the requests, and the database connections it holds once idle (SQLite
files open, or PostgreSQL backends). --write-results records the table in
benchmarks/RESULTS.md (section "production").
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from scripts.prodstack import Stack, drop_database, manage, prepare, production_env

PATHS = (
    "/",
    "/blog/",
    "/blog/?page=2",
    "/api/v1/articles",
    "/api/v1/articles?limit=5",
    "/api/v1/reviews",
    "/api/v1/authors",
    "/api/v1/tags",
    "/search/?q=skin",
    "/feeds/rss/",
    "/sitemap.xml",
)


@dataclass(frozen=True)
class Reading:
    backend: str
    arenas: str
    requests: int
    threads: int
    rss_warm_mb: float
    rss_after_mb: float
    connections_idle: int
    errors: int


def worker_pid(master_pid: int) -> int:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return int(children[0])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def sqlite_files_open(pid: int, database: Path) -> int:
    """Open descriptors of the database file itself (one per live SQLite connection)."""
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            if os.readlink(fd) == str(database):
                count += 1
        except OSError:
            continue
    return count


def postgres_backends(database_url: str) -> int:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchone()[0]


def idle_connections(count, polls: int = 40) -> int:
    """Connections still held once the last responses have closed (bounded polls): a SQLite
    file stays open until the closed connection's last cursor is garbage collected."""
    found = count()
    for _ in range(polls):
        if found == 0:
            break
        time.sleep(0.25)
        found = count()
    return found


def post_paths(port: int) -> list[str]:
    import json

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/articles?limit=10") as r:
        cards = json.loads(r.read())["results"]
    return [f"/api/v1/articles/{c['id']}" for c in cards] + [
        "/" + c["url"].split("/", 3)[3] for c in cards
    ]


def hammer(port: int, paths: list[str], total: int, threads: int) -> int:
    """Send `total` GETs from `threads` client threads; the number of failed requests."""
    errors = [0]
    lock = threading.Lock()
    counter = iter(range(total))

    def run():
        for index in counter:
            path = paths[index % len(paths)]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as r:
                    r.read()
            except urllib.error.HTTPError as err:
                if err.code >= 500:
                    with lock:
                        errors[0] += 1
            except OSError:
                with lock:
                    errors[0] += 1

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return errors[0]


def measure(backend: str, *, requests: int, threads: int, port: int, arenas: str) -> Reading:
    tmp = Path(tempfile.mkdtemp(prefix="skincare-memory-"))
    overrides = {"SKINCARE_STATIC_COMPRESS": "0", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    if backend == "sqlite":
        database = tmp / "db.sqlite3"
        overrides |= {
            "DATABASE_URL": f"sqlite:///{database}",
            "SKINCARE_SINGLE_NODE": "1",
            "REDIS_URL": "",
            "SKINCARE_CACHE_DIR": str(tmp / "cache"),
        }
    else:
        overrides |= {
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/skincare_memory_{os.getpid()}",
            "REDIS_URL": os.environ.get("SKINCARE_MEMORY_REDIS_URL", "redis://127.0.0.1:6379/11"),
        }
    env = production_env(overrides)
    if arenas == "glibc":
        env.pop("MALLOC_ARENA_MAX", None)  # glibc's default: up to 8 arenas per core
    else:
        env["MALLOC_ARENA_MAX"] = arenas
    stack = Stack(env, workers=1, threads=threads, log_dir=tmp)
    try:
        prepare(env)
        manage(env, "load_demo", "--host", "127.0.0.1", "--port", str(port), "--no-admin")
        master = stack.start_node("web", port)
        pid = worker_pid(master.pid)
        paths = [*PATHS, *post_paths(port)]
        # Warm: every URL once (image renditions are made then), then every thread.
        errors = hammer(port, paths, len(paths), 1)
        errors += hammer(port, paths, len(paths) * 3, threads)
        warm = rss_mb(pid)
        errors += hammer(port, paths, requests, threads)
        after = rss_mb(pid)
        idle = idle_connections(
            lambda: (
                sqlite_files_open(pid, database)
                if backend == "sqlite"
                else postgres_backends(env["DATABASE_URL"])
            )
        )
        return Reading(backend, arenas, requests, threads, warm, after, idle, errors)
    finally:
        stack.stop_all()
        if backend != "sqlite":
            drop_database(env["DATABASE_URL"])
        shutil.rmtree(tmp, ignore_errors=True)


def table(readings: list[Reading]) -> str:
    lines = [
        "| database | MALLOC_ARENA_MAX | requests | threads | RSS warm (MB) | RSS after (MB) | "
        "growth | DB connections held when idle | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in readings:
        lines.append(
            f"| {r.backend} | {r.arenas} | {r.requests} | {r.threads} | {r.rss_warm_mb:.0f} | "
            f"{r.rss_after_mb:.0f} | {r.rss_after_mb - r.rss_warm_mb:+.0f} | "
            f"{r.connections_idle} | {r.errors} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--arenas",
        nargs="+",
        default=["2"],
        help="MALLOC_ARENA_MAX values to compare; 'glibc' leaves glibc's default",
    )
    parser.add_argument("--write-results", action="store_true")
    options = parser.parse_args(argv)
    backends = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    readings = [
        measure(b, requests=options.requests, threads=options.threads, port=options.port, arenas=a)
        for b in backends
        for a in options.arenas
    ]
    print(table(readings))
    if options.write_results:
        from benchmarks.report import write_section

        notes = (
            "One gunicorn worker process (gthread) serving the demo content on "
            "config.settings.production; RSS is its VmRSS after a warm-up (every URL once, "
            "then three rounds from every thread) and after the requests, sent by as many "
            "client threads as server threads over pages, feeds, search and API URLs. "
            "Connections are those the worker still holds once idle. The machine is shared "
            "with other helpers' test and benchmark runs, which changes timings, not RSS."
        )
        write_section(
            "production",
            table(readings) + "\n\n" + notes,
            "python -m scripts.memory_check " + " ".join(argv or sys.argv[1:]),
        )
    return 0 if not any(r.errors for r in readings) else 1


if __name__ == "__main__":
    sys.exit(main())
