"""The production stack on one machine: gunicorn nodes, one task worker, one scheduler.

Used by `scripts/serve_prod.py` (one node), `scripts/two_nodes.py` (two nodes sharing one
database, cache and worker) and the tests in tests/production/. Every process runs
`config.settings.production` against PostgreSQL and Redis; the environment names them, with
local defaults. Each node is its own gunicorn master (gthread workers), as separate machines
would be: nodes share nothing but the database and the cache, and background work (link
checks, webhooks, search index, front-end cache purges) runs in the one worker, never per node.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scripts.process_group import stop_group

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
STOP_GRACE_SECONDS = 15.0

# What `make serve-prod` uses when the environment says nothing: services on this machine.
LOCAL_DEFAULTS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/skincare_prod",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Plain http on loopback: no TLS redirect, no HSTS for 127.0.0.1.
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
    # No proxy in front: the app serves its own media (static files are WhiteNoise's).
    "SKINCARE_SERVE_MEDIA": "1",
    # glibc gives request threads malloc arenas of their own and keeps what they free there;
    # two arenas lowered a warm 8-thread worker's RSS by 35-48 MB on SQLite, within noise on
    # PostgreSQL (benchmarks/RESULTS.md, production).
    "MALLOC_ARENA_MAX": "2",
    "PYTHONUNBUFFERED": "1",
}


def local_secret_key() -> str:
    """A secret key kept in var/ so sessions survive restarts of a local production run."""
    path = ROOT / "var" / "serve-prod-secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def production_env(overrides: dict[str, str] | None = None) -> dict[str, str]:
    """This process's environment over the local defaults, then `overrides`."""
    # Always the production settings: an inherited DJANGO_SETTINGS_MODULE (a test run's, a
    # shell's dev settings) would quietly give each process a private cache and inline tasks.
    env = {
        **LOCAL_DEFAULTS,
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        **(overrides or {}),
    }
    env.setdefault("DJANGO_SECRET_KEY", local_secret_key())
    return env


def ensure_database(database_url: str) -> None:
    """Create the PostgreSQL database named by the URL if it does not exist yet."""
    parts = urlsplit(database_url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg  # the production driver; imported here so --help works without it

    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url: str) -> None:
    """Drop the PostgreSQL database (tests' scratch databases)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    """Run one manage.py command to completion; its output, or an error with stderr."""
    done = subprocess.run(  # noqa: S603 (this interpreter, manage.py, fixed commands)
        [*MANAGE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(env: dict[str, str], *, collectstatic: bool = True) -> None:
    """Database created and migrated, static files collected (hashed and compressed)."""
    ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput")
    if collectstatic:
        manage(env, "collectstatic", "--noinput", "-v", "0")


def gunicorn_command(bind: str, *, workers: int, threads: int) -> list[str]:
    """gunicorn with gthread workers; GUNICORN_CMD_ARGS in the environment adds or overrides."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        bind,
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "30",
        "--graceful-timeout",
        "10",
        "--access-logfile",
        "-",
    ]


def wait_until_serving(port: int, *, attempts: int = 300, process=None) -> None:
    """Poll the node's API root until it answers (bounded), or raise."""
    for _ in range(attempts):
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the node on port {port} exited ({process.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/", timeout=5):
                return
        except urllib.error.HTTPError:
            return  # answering, even with an error status
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the node on port {port} did not start")


@dataclass
class Stack:
    """Processes of one local production deployment, started and stopped together."""

    env: dict[str, str]
    workers: int = 2
    threads: int = 4
    log_dir: Path | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        out = None
        if self.log_dir is not None:
            out = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 (owned by the child)
        # Its own process group: stop() signals the master and its workers together.
        process = subprocess.Popen(  # noqa: S603 (this interpreter, fixed commands)
            args,
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            start_new_session=True,
        )
        if out is not None:
            out.close()
        self.processes[name] = process
        return process

    def start_node(self, name: str, port: int, host: str = "127.0.0.1") -> subprocess.Popen:
        process = self._start(
            name,
            gunicorn_command(f"{host}:{port}", workers=self.workers, threads=self.threads),
        )
        wait_until_serving(port, process=process)
        return process

    def start_worker(self, interval: float = 0.5) -> subprocess.Popen:
        worker_id = f"prod-{os.getpid()}-{len(self.processes)}"
        args = ["db_worker", "--no-reload", "--interval", str(interval), "--worker-id", worker_id]
        return self._start("worker", [*MANAGE, *args])

    def start_scheduler(self, every: float = 60.0) -> subprocess.Popen:
        loop = [sys.executable, "-m", "scripts.publish_loop", "--every", str(every)]
        return self._start("scheduler", loop)

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        """Stop one process group: `sig` first (gunicorn and db_worker finish work in hand on
        SIGTERM), SIGKILL if it has not exited in time."""
        process = self.processes.pop(name, None)
        if process is not None:
            stop_group(process, sig, grace=STOP_GRACE_SECONDS)

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.stop(name)

    def exited(self) -> str | None:
        """The name of a process that has exited, if any."""
        for name, process in self.processes.items():
            if process.poll() is not None:
                return name
        return None

    def run_until_stopped(self) -> int:
        """Block until Ctrl-C or SIGTERM (0) or until one process exits (its code, or 1)."""

        def _stop(signum, _frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, _stop)
        try:
            while (name := self.exited()) is None:
                time.sleep(0.5)
            code = self.processes[name].returncode
            print(f"the {name} exited ({code}); stopping the rest", flush=True)
            return code or 1
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            self.stop_all()
