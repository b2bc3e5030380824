"""Publish latency: an editor publishes through the admin, with N links to hanging hosts vs none.

``python -m benchmarks.bench_publish [--links 6] [--repeats 5] [--quick]`` runs the embedded
default (``config.settings.dev``: SQLite, tasks queued in the database for the worker) on a
throwaway SQLite file, and posts the admin's add-article form with "Publish" through Django's
test client as a logged-in editor:

* with no links, and with N links to N loopback hosts (127.0.0.2 ...) that accept connections
  and never answer, each timed ``--repeats`` times (median);
* for comparison, the same publish with the link check run inline (the immediate task backend,
  how publishing worked before), once: it waits for the checker's timeouts.

No worker runs here, so the queued checks stay queued; the figure is what the editor waits.
Results go to the "publish" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import sys
import tempfile
from contextlib import ExitStack

COMMAND = "make bench (python -m benchmarks.bench_publish)"
CHECK_TASK = "linkcheck.tasks.check_object_links"


def hanging_host(address: str) -> socket.socket:
    """A listener that never accepts: connections complete in the kernel, no answer ever comes."""
    listener = socket.socket()
    listener.bind((address, 0))
    listener.listen(64)
    return listener


def setup_django(workdir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(workdir, 'bench.sqlite3')}"
    # The checker may reach the loopback hosts below (and nothing else exists to reach).
    os.environ["SKINCARE_LINKCHECK_ALLOWLIST"] = "127.0.0.0/8"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    override_settings(MEDIA_ROOT=os.path.join(workdir, "media")).enable()
    call_command("migrate", verbosity=0)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.test.utils import override_settings
    from django_tasks_db.models import DBTaskResult

    from tests.linkcheck.demo_flow import editor_client, publish, setup

    backend = settings.TASKS["default"]["BACKEND"]
    setup()
    client = editor_client()
    with ExitStack() as stack:
        hosts = []
        for n in range(args.links):
            listener = hanging_host(f"127.0.0.{n + 2}")
            stack.callback(listener.close)
            hosts.append(listener.getsockname())
        urls = [f"http://{host}:{port}/study" for host, port in hosts]

        def timed(slug: str, links: list[str]) -> float:
            result = publish(client, slug, links)
            if (result["status_code"], result["live"]) != (302, True):
                raise SystemExit(f"publish of {slug} failed: {result}")
            return result["seconds"]

        timed("warm-up", [])
        none, slow = [], []
        for i in range(args.repeats):  # interleaved, so drift hits both sides alike
            none.append(timed(f"no-links-{i}", []))
            slow.append(timed(f"slow-links-{i}", urls))
        queued = DBTaskResult.objects.filter(task_path=CHECK_TASK, status="READY").count()
        inline = None
        if not args.quick:
            immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
            with override_settings(TASKS=immediate):
                inline = timed("inline-check", urls)

    ratio = statistics.median(slow) / statistics.median(none)
    lines = [
        f"Embedded default settings (`config.settings.dev`, SQLite file, tasks backend "
        f"`{backend}`). Each figure is one admin publish (the add-article form with Publish, "
        f"Django test client, logged-in editor), median of {args.repeats}, interleaved. The "
        f"{args.links} links point at {args.links} loopback hosts (127.0.0.2 ...) that accept "
        "connections and never answer. No worker runs during the timing: the checks stay queued "
        f"({queued} link-check tasks queued, one per publish).",
        "",
        "| publish | median s | runs s |",
        "| --- | ---: | --- |",
        f"| no links | {statistics.median(none):.3f} | {', '.join(f'{s:.3f}' for s in none)} |",
        f"| {args.links} links to hanging hosts | {statistics.median(slow):.3f} | "
        f"{', '.join(f'{s:.3f}' for s in slow)} |",
    ]
    if inline is not None:
        lines.append(
            f"| {args.links} links to hanging hosts, check inline (immediate backend, as before) "
            f"| {inline:.3f} | {inline:.3f} |"
        )
    lines += [
        "",
        f"- with slow links vs without: {ratio:.2f}x the time (target: as fast as with no links, "
        f"<= 1.25x): **{'met' if ratio <= 1.25 else 'not met'}**",
    ]
    body = "\n".join(lines)
    print(body)
    if not args.quick:
        from benchmarks.report import write_section

        write_section("publish", body, command=COMMAND)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=int, default=6, help="Links to hanging hosts (default 6).")
    parser.add_argument("--repeats", type=int, default=5, help="Publishes per side (default 5).")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="Smoke run: 2 repeats, no inline comparison; writes no results.",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats = 2
    workdir = tempfile.mkdtemp(prefix="skincare-bench-publish-")
    try:
        setup_django(workdir)
        return run(args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
