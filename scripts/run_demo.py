"""Serve the demo: the web server, a task worker beside it, and scheduled publishing every minute.

    python scripts/run_demo.py [ADDR:PORT] [--scheduled-every SECONDS]

Publishing queues its link check and webhook deliveries in the database (django-tasks-db), so
something must run them: this starts ``manage.py db_worker`` next to ``manage.py runserver`` and
runs ``manage.py publish_scheduled`` periodically, so scheduled and expiring pages go live and
expire without a cron job. It serves config.settings.demo (DEBUG off; static files through
WhiteNoise, media by the app) unless DJANGO_SETTINGS_MODULE names another. Ctrl-C (or SIGTERM)
stops all of it; if either process exits, the other is stopped too. Needs nothing but Python:
the queue lives in the same SQLite file.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

try:
    from scripts.process_group import stop_group
except ModuleNotFoundError:  # run by path (make demo): this folder, not the repo, is on sys.path
    from process_group import stop_group

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
STOP_GRACE_SECONDS = 10.0


class Stop(Exception):
    """Ctrl-C or SIGTERM reached the launcher."""


def _raise_stop(signum, _frame) -> None:
    raise Stop(signal.Signals(signum).name)


def start(args: list[str]) -> subprocess.Popen:
    # Its own process group: the launcher decides when and how each child stops, and
    # runserver's autoreloader child is stopped together with it.
    return subprocess.Popen(  # noqa: S603 (this interpreter, manage.py, fixed commands)
        [*MANAGE, *args], cwd=ROOT, start_new_session=True
    )


def publish_scheduled() -> None:
    """Publish what is due and unpublish what has expired (Wagtail's own command)."""
    try:
        subprocess.run(  # noqa: S603 (this interpreter, manage.py, a fixed command)
            [*MANAGE, "publish_scheduled"], cwd=ROOT, check=False, timeout=300
        )
    except subprocess.TimeoutExpired:
        print("run_demo: publish_scheduled took over 5 minutes; trying again later", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "addrport", nargs="?", default="127.0.0.1:8000", help="where runserver listens"
    )
    parser.add_argument(
        "--scheduled-every",
        type=float,
        default=60.0,
        help="seconds between publish_scheduled runs (default: 60)",
    )
    parser.add_argument(
        "--worker-interval",
        type=float,
        default=0.5,
        help="seconds the worker waits between polls of an empty queue (default: 0.5)",
    )
    parser.add_argument(
        "--no-reload",
        action="store_true",
        help="do not restart the web server when code changes",
    )
    options = parser.parse_args(argv)
    # The children inherit it: DEBUG off, so readers meet the site's own 404 and 500 pages.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.demo")

    signal.signal(signal.SIGINT, _raise_stop)
    signal.signal(signal.SIGTERM, _raise_stop)
    processes: dict[str, subprocess.Popen] = {}
    try:
        processes["worker"] = start(
            [
                "db_worker",
                "--no-reload",
                "--interval",
                str(options.worker_interval),
                "--worker-id",
                f"demo-{os.getpid()}",
            ]
        )
        reload = ["--noreload"] if options.no_reload else []
        processes["server"] = start(["runserver", *reload, options.addrport])
        print(
            f"run_demo: web server, task worker (pid {processes['worker'].pid}) and "
            f"publish_scheduled every {options.scheduled_every:g} s; Ctrl-C stops all.",
            flush=True,
        )
        next_scheduled = time.monotonic()
        while True:
            for name, process in processes.items():
                if process.poll() is not None:
                    print(f"run_demo: the {name} exited ({process.returncode}); stopping")
                    return process.returncode or 1
            if time.monotonic() >= next_scheduled:
                publish_scheduled()
                next_scheduled = time.monotonic() + options.scheduled_every
            time.sleep(0.2)
    except Stop:
        return 0
    finally:
        # Ignore further Ctrl-C while the children wind down.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if "server" in processes:
            stop_group(processes["server"], signal.SIGINT, grace=STOP_GRACE_SECONDS)
        if "worker" in processes:
            # db_worker finishes the task in hand on SIGTERM, then exits.
            stop_group(processes["worker"], signal.SIGTERM, grace=STOP_GRACE_SECONDS)


if __name__ == "__main__":
    sys.exit(main())
