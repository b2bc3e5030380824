"""The embedded default end to end: `scripts/run_demo.py` on SQLite with a real db_worker.

A scratch SQLite file is migrated once; the launcher serves it (runserver, the database task
worker and publish_scheduled every second), and a second process publishes through the admin
form as an editor does. Every link points at a loopback server started here.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.test import SimpleTestCase

from tests.linkcheck.httpserver import LinkServer

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 90.0  # a bound for slow machines, not a speed requirement


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, what: str, timeout: float = WAIT_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"gave up waiting for {what}")


def child_pids(pid: int) -> set[int]:
    """Direct children of pid (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


class DemoProcess:
    """scripts/run_demo.py on a free port, stopped with SIGINT as Ctrl-C would."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 (fixed interpreter and arguments)
            [
                sys.executable,
                "scripts/run_demo.py",
                f"127.0.0.1:{self.port}",
                "--scheduled-every",
                "1",
                "--worker-interval",
                "0.2",
                "--no-reload",  # other edits to the checkout must not restart the server
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.serving, "the demo web server")

    def serving(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/admin/login/", timeout=2):
                return True
        except OSError:
            return self.process.poll() is not None  # gave up: let the test see why

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=60)
        finally:
            self.log.close()


class TestDemoWithWorker(SimpleTestCase):
    """What `make demo` runs, against a real SQLite file shared by three processes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmp = Path(tempfile.mkdtemp(prefix="skincare-demo-test-"))
        cls.db = cls.tmp / "db.sqlite3"
        cls.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",  # the embedded default, not test
            "DATABASE_URL": f"sqlite:///{cls.db}",
            "SKINCARE_LINKCHECK_ALLOWLIST": "127.0.0.1/32",
            "PYTHONUNBUFFERED": "1",
        }
        cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        # "/slow" answers after 8 s: long enough that an inline check would still hold the
        # publish request, short enough that the worker's check ends soon after.
        cls.server = LinkServer(slow_seconds=8, lifetime=300).start()
        cls.manage("migrate", "--noinput", "-v", "0")
        cls.flow("setup")
        cls.demo = DemoProcess(cls.env, cls.tmp / "demo.log")
        cls.addClassCleanup(cls.demo.stop)
        # Cleanups run last-in first-out: the hanging host lets go first, so the worker's check
        # ends at once and the worker stops without waiting for its timeout.
        cls.addClassCleanup(cls.server.stop)

    @classmethod
    def manage(cls, *args):
        subprocess.run(  # noqa: S603 (fixed interpreter and arguments)
            [sys.executable, "manage.py", *args], cwd=ROOT, env=cls.env, check=True, timeout=300
        )

    @classmethod
    def flow(cls, *args) -> dict:
        done = subprocess.run(  # noqa: S603 (fixed interpreter and arguments)
            [sys.executable, "-m", "tests.linkcheck.demo_flow", *args],
            cwd=ROOT,
            env=cls.env,
            check=True,
            timeout=300,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])

    def query(self, sql: str, *params):
        with sqlite3.connect(self.db, timeout=30) as connection:
            return connection.execute(sql, params).fetchall()

    def link_statuses(self, page_id: int) -> dict[str, str]:
        return dict(self.query("SELECT url, status FROM linkcheck_link WHERE page_id = ?", page_id))

    def test_publishing_returns_before_the_check_and_the_worker_records_it(self):
        hanging, missing = self.server.url("/slow"), self.server.url("/missing")
        result = self.flow("publish", "worker-publish", hanging, missing)
        self.assertEqual((result["status_code"], result["live"]), (302, True))
        # The editor's request did not wait for the slow host: no result for it exists yet
        # (checked inline, as before, the request itself waited for it).
        checked = self.query(
            "SELECT COUNT(*) FROM linkcheck_urlcheck c JOIN linkcheck_checkedurl u "
            "ON c.checked_url_id = u.id WHERE u.url = ?",
            hanging,
        )
        self.assertEqual(checked, [(0,)])
        # The worker beside the server checks the page and stores what it found.
        wait_for(
            lambda: self.link_statuses(result["page_id"]).get(missing) == "broken",
            "the worker's link check",
        )
        self.assertGreater(self.server.hits["/missing"], 0)

    def test_scheduled_pages_go_live_and_expire_without_a_cron_job(self):
        result = self.flow("schedule")
        self.assertFalse(result["scheduled_live"])

        def page(pk):
            return self.query("SELECT live, expired FROM wagtailcore_page WHERE id = ?", pk)[0]

        wait_for(lambda: page(result["scheduled"]) == (1, 0), "the scheduled page to go live")
        wait_for(lambda: page(result["expiring"]) == (0, 1), "the expiring page to expire")

    def test_ctrl_c_stops_the_server_and_the_worker(self):
        if not Path("/proc/self/stat").exists():
            self.skipTest("needs Linux /proc to find the child processes")
        demo = DemoProcess(self.env, self.tmp / "second-demo.log")
        children = child_pids(demo.process.pid)
        commands = [Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ") for pid in children]
        self.assertTrue(any("db_worker" in c for c in commands), commands)
        self.assertTrue(any("runserver" in c for c in commands), commands)
        self.assertEqual(demo.stop(), 0)
        self.assertEqual([pid for pid in children if alive(pid)], [])
        with self.assertRaises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{demo.port}/", timeout=2)
