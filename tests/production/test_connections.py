"""A gthread gunicorn worker holds no database connection once idle, whatever it served.

Connections are per thread: one kept open per request thread (a persistent SQLite connection,
or DATABASE_CONN_MAX_AGE on SQLite) stays for the life of the process with its page cache.
Counts connections, not time or memory (scripts/memory_check.py reports RSS).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from django.test import SimpleTestCase

from scripts.memory_check import hammer, sqlite_files_open, worker_pid
from scripts.prodstack import Stack, manage, prepare, production_env
from tests.production.test_two_nodes import free_port

THREADS = 4
SETUP = """
from tests.factories import make_article, make_site
home, index = make_site()
for n in range(3):
    make_article(index, f"post-{n}")
"""
PATHS = [
    "/",
    "/blog/",
    "/blog/post-0/",
    "/blog/post-1/",
    "/blog/missing/",
    "/api/v1/articles",
    "/api/v1/articles/by-slug/post-2",
    "/api/v1/tags",
]


class TestSqliteConnections(SimpleTestCase):
    def test_no_connection_outlives_its_request_even_when_asked_to_persist(self):
        tmp = Path(tempfile.mkdtemp(prefix="skincare-connections-"))
        database = tmp / "db.sqlite3"
        env = production_env(
            {
                "DATABASE_URL": f"sqlite:///{database}",
                "SKINCARE_SINGLE_NODE": "1",
                "REDIS_URL": "",
                "SKINCARE_CACHE_DIR": str(tmp / "cache"),
                "SKINCARE_STATIC_COMPRESS": "0",
                # Persistent connections asked for: SQLite must still close them.
                "DATABASE_CONN_MAX_AGE": "600",
            }
        )
        stack = Stack(env, workers=1, threads=THREADS, log_dir=tmp)
        try:
            prepare(env)
            manage(env, "shell", "-c", SETUP)
            port = free_port()
            master = stack.start_node("web", port)
            pid = worker_pid(master.pid)
            self.assertEqual(hammer(port, PATHS, len(PATHS) * THREADS * 3, THREADS), 0)
            # The last responses may still be closing; bounded polls, no time asserted.
            for _ in range(40):
                if sqlite_files_open(pid, database) == 0:
                    break
                time.sleep(0.25)
            self.assertEqual(sqlite_files_open(pid, database), 0)
        finally:
            stack.stop_all()
            shutil.rmtree(tmp, ignore_errors=True)
