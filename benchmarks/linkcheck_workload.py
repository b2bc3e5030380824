"""What the link-check benchmark runs on: settings, URLs, the loopback server farm, a run record.

Shared by ``benchmarks.bench_linkcheck`` and its peers (``benchmarks.peers.linkcheck_lychee``,
``benchmarks.peers.linkcheck_requests``), so every tool sees the same URLs, servers and limits.
"""

from __future__ import annotations

import json
import random
import resource
import statistics
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from linkcheck.checker.settings import LinkcheckSettings

SERVERS = 20
LATENCY = 0.02
CONCURRENCY = 64
PER_HOST = 2
ALLOWLIST = ("127.0.0.0/8",)


def bench_settings() -> LinkcheckSettings:
    """The fetcher's settings for the run: defaults, except the loopback allowlist and no delay.

    The per-host delay is 0 for both tools (lychee's --host-request-interval 0s) so the figures
    measure the engines, not the politeness pause.
    """
    return LinkcheckSettings(
        concurrency=CONCURRENCY,
        per_host_concurrency=PER_HOST,
        per_host_delay=0.0,
        allowlist=ALLOWLIST,
    )


def make_urls(hosts: Sequence[str], count: int, seed: int = 7) -> Iterator[str]:
    """Yield ``count`` distinct URLs over ``hosts``: 90% pages, 5% 404s, 5% 301 redirects."""
    rng = random.Random(seed)
    for n in range(count):
        host = rng.choice(hosts)
        roll = n % 20
        kind = "missing" if roll == 0 else "moved" if roll == 10 else "p"
        yield f"http://{host}/{kind}/{n}"


@dataclass
class Run:
    """One tool's measurement over the URL list."""

    tool: str
    count: int
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    max_in_flight: int = 0
    outcome: str = ""
    note: str = ""

    @property
    def median(self) -> float:
        """Median wall time."""
        return statistics.median(self.seconds)

    @property
    def rate(self) -> float:
        """URLs per second at the median."""
        return self.count / self.median


class ServerFarm:
    """The loopback servers child process."""

    def __init__(self, count: int, latency: float, lifetime: float) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.linkcheck_servers",
                "--count",
                str(count),
                "--latency",
                str(latency),
                "--lifetime",
                str(lifetime),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line:
            self.close()
            raise RuntimeError("benchmark servers did not start")
        self.hosts: list[str] = json.loads(line)["servers"]

    def _each(self, path: str) -> list[dict]:
        import requests

        with requests.Session() as session:
            return [session.get(f"http://{h}{path}", timeout=5).json() for h in self.hosts]

    def reset(self) -> None:
        """Zero the counters on every server."""
        import requests

        with requests.Session() as session:
            for host in self.hosts:
                session.get(f"http://{host}/__reset", timeout=5)

    def max_in_flight(self) -> int:
        """The most requests any one server had in flight since the last reset."""
        return max(stats["max_in_flight"] for stats in self._each("/__stats"))

    def close(self) -> None:
        """Stop the servers (closing stdin is their signal) and reap the process."""
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def cpu_time(who: int) -> float:
    """User plus system CPU time of this process or of its reaped children."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
