"""Importer benchmark: parse and import a WordPress export of 500 and 5,000 posts.

``python -m benchmarks.bench_import [--sizes 500 5000] [--quick]`` writes a synthetic WXR
export per size into a temporary directory, then:

* parses it (a dry run: readers, rules, spam cleaner and sanitiser), timing posts per second
  and measuring peak memory with tracemalloc and as resident set size (RSS) above the
  baseline before the run, to show that streaming keeps memory flat from 500 to 5,000 posts;
* imports it for real into a throwaway SQLite database (drafts, authors, import records),
  timing posts per second and the RSS it adds.

It also scores the labelled corpus (tests/fixtures/importer/) so the section carries the
accuracy figures. Results go to the "import" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

from benchmarks.bench_api import setup_django
from benchmarks.corpus_import import write_export

COMMAND = "python -m benchmarks.bench_import"
# Measured once, before the rules were widened by family of wording (commit 5a5147c).
BASELINE = (
    "Before the rules were widened by family of wording, the 42 tuned posts scored: title 0.952, "
    "people 0.917, structure 0.728, benefits 0.905, phases 0.934, boilerplate 0.935, "
    "body 0.869, review 0.984 (kind and dates 1.000)."
)


def rss_bytes() -> int:
    """Current resident set size of this process (Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class RssPeak:
    """Samples RSS in a thread while a block runs; `added` is the peak above the start."""

    def __enter__(self):
        self.start = self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, rss_bytes())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())
        self.added = self.peak - self.start


def parse_run(path: Path, traced: bool) -> dict:
    from importer.parser import parse_many
    from importer.services import clean_rich_text

    if traced:
        tracemalloc.start()
    count = 0
    with RssPeak() as rss:
        started, cpu = time.perf_counter(), time.process_time()
        for _post in parse_many(path, cleaner=clean_rich_text):
            count += 1
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = 0
    if traced:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "posts": count,
        "seconds": seconds,
        "cpu": cpu,
        "traced_peak": peak,
        "rss_added": rss.added,
    }


def import_run(path: Path, limit: int) -> dict:
    from importer.parser import parse_many
    from importer.services import clean_rich_text
    from importer.writer import default_parent, write_post

    parent = default_parent()
    count = 0
    with RssPeak() as rss:
        started, cpu = time.perf_counter(), time.process_time()
        for post in parse_many(path, cleaner=clean_rich_text):
            write_post(post, parent)
            count += 1
            if count == limit:
                break  # leaves the stream early: the rest of the export is never read
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"posts": count, "seconds": seconds, "cpu": cpu, "rss_added": rss.added}


def make_site() -> None:
    from wagtail.models import Page, Site

    from blog.models import BlogIndexPage
    from pages.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="bench-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))


def corpus_accuracy() -> str:
    from importer.scoring import FIELDS, misses, summarise
    from tests.importer.corpus import evaluate, expectations

    scores, _posts = evaluate()
    split = {name: want.get("split", "tuned") for name, want in expectations().items()}
    parts = {
        part: summarise([s for name, s in scores.items() if split[name] == part])
        for part in ("tuned", "holdout")
    }
    counts = {part: sum(1 for v in split.values() if v == part) for part in parts}
    rows = "\n".join(
        f"| {name} | {parts['tuned'][name]:.3f} | {parts['holdout'][name]:.3f} |" for name in FIELDS
    )
    missed = "; ".join(f"{field}: {', '.join(names)}" for field, names in misses(scores).items())
    return (
        f"| field | tuned ({counts['tuned']}) | holdout ({counts['holdout']}) |\n"
        f"| --- | --- | --- |\n{rows}\n\nPosts not fully right: {missed or 'none'}.\n\n{BASELINE}"
    )


def load_note() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs at the end of the run"


def mib(value: int) -> str:
    return f"{value / 2**20:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000], help="Export sizes.")
    parser.add_argument(
        "--import-limit",
        type=int,
        default=1000,
        help="Posts imported for real from each export (default 1000, 0 for all): the import "
        "runs at about 20 posts per CPU-second, so all 5,000 take minutes on their own.",
    )
    parser.add_argument(
        "--quick", action="store_true", help="Smoke run: 50 and 200 posts; writes no results."
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = [50, 200]
    workdir = Path(tempfile.mkdtemp(prefix="skincare-bench-import-"))
    try:
        setup_django(str(workdir))
        return run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> int:
    from django.db import connection

    make_site()
    rows = []
    for size in args.sizes:
        path = write_export(workdir / f"export-{size}.xml", size)
        print(f"{size} posts ({mib(path.stat().st_size)} export): parsing ...", flush=True)
        timed = parse_run(path, traced=False)
        traced = parse_run(path, traced=True)
        print("  importing into SQLite ...", flush=True)
        with connection.cursor() as cursor:  # each size imports into an empty blog
            cursor.execute("DELETE FROM importer_importrecord")
        written = import_run(path, args.import_limit)
        rows.append((size, path.stat().st_size, timed, traced, written))
        print(
            f"  parse {timed['posts'] / timed['seconds']:.0f} posts/s, "
            f"tracemalloc peak {mib(traced['traced_peak'])}, RSS +{mib(timed['rss_added'])}; "
            f"import {written['posts'] / written['seconds']:.1f} posts/s, "
            f"RSS +{mib(written['rss_added'])}",
            flush=True,
        )
    table = "\n".join(
        f"| {size:,} | {mib(nbytes)} | {t['posts'] / t['seconds']:.0f} "
        f"({t['posts'] / t['cpu']:.0f}) | {mib(tr['traced_peak'])} | +{mib(t['rss_added'])} | "
        f"{w['posts']:,} | {w['posts'] / w['seconds']:.1f} ({w['posts'] / w['cpu']:.1f}) | "
        f"+{mib(w['rss_added'])} |"
        for size, nbytes, t, tr, w in rows
    )
    body = (
        "A synthetic WXR export per size (benchmarks/corpus_import.py), parsed as a dry run "
        "(readers, rules, spam cleaner, sanitiser) and imported for real into a throwaway "
        "SQLite database. Memory: tracemalloc peak during the parse, and the peak resident set "
        "size above the process's size before each run. Posts/s is wall clock, with posts per "
        "CPU-second of this process in brackets (the machine is shared, so wall time varies "
        f"with its load: {load_note()}).\n\n"
        f"The real import writes the first {args.import_limit or 'all'} posts of each export "
        "(`--import-limit`; the rest of the stream is never read), each post atomically.\n\n"
        "| posts | export | parse posts/s | parse tracemalloc peak | parse RSS | imported | "
        "import posts/s | import RSS |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n"
        f"{table}\n\n"
        "Parse accuracy over the labelled corpus (also "
        "`.venv/bin/pytest tests/importer/test_corpus_quality.py -s -q`): 'tuned' are the posts "
        "the rules were improved on by family of wording, 'holdout' were written afterwards and "
        "never tuned on.\n\n" + corpus_accuracy()
    )
    print(body)
    if not args.quick:
        from benchmarks.report import write_section

        write_section("import", body, COMMAND)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
