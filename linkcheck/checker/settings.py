"""The link checker's settings as plain data: defaults in one place and the frozen snapshot
one check run uses. ``linkcheck.conf`` reads the Django settings into it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PREFIX = "SKINCARE_LINKCHECK_"

DEFAULTS: dict[str, Any] = {
    # What saving content does with placeholder spam: "clean" removes it (as a new revision),
    # "warn" only tells the editor, "off" skips the scan.
    "PLACEHOLDER_MODE": "clean",
    # Politeness and throughput.
    "CONCURRENCY": 32,
    "PER_HOST_CONCURRENCY": 2,
    "PER_HOST_DELAY": 0.25,  # seconds between request starts to one host
    # Worker processes for a run of 1,000 URLs or more, each host on one of them
    # (checker/shards.py); 0: as many as this process may use CPUs, at most 4; 1: none.
    "PROCESSES": 0,
    # "http1": the lean HTTP/1.1 client (checker/client.py), about 40% less CPU a link;
    # "aiohttp": aiohttp's client, the same checks through a general-purpose library.
    "CLIENT": "http1",
    # Timeouts in seconds: every request has all three; DEADLINE bounds one URL's whole check
    # (retries, fallbacks and redirect hops included). Read and total timeouts are checked on a
    # shared timer and may fire up to a quarter late, the deadline up to an eighth.
    "CONNECT_TIMEOUT": 5.0,
    "READ_TIMEOUT": 10.0,
    "TOTAL_TIMEOUT": 15.0,
    "DEADLINE": 60.0,
    "MAX_REDIRECTS": 5,
    "MAX_BYTES": 64 * 1024,  # GET body bytes read at most (enough for challenge markers)
    "RETRIES": 2,  # extra attempts after a temporary failure
    "BACKOFF": 0.5,  # seconds, doubled per attempt
    "MAX_RETRY_AFTER": 30.0,  # a longer Retry-After is reported rather than waited for
    "USER_AGENT": "SkincareLinkChecker/1.0",
    # Where a site owner can find out who checks their links; falls back to the site itself.
    "CONTACT_URL": "",
    # Hosts or CIDR networks the SSRF guard lets through (tests and benchmarks on loopback),
    # each optionally with a port: "ci.test", "ci.test:8443", "10.0.0.0/8", "127.0.0.1:8080",
    # "[::1]:8080". An entry without a port allows every port (addresses.Allowlist).
    "ALLOWLIST": (),
    # Temporary failures become broken after this many, spread over at least this long.
    "PROMOTE_AFTER_FAILURES": 3,
    "PROMOTE_WINDOW_HOURS": 24,
    # Hours until the next check, per status.
    "RECHECK_HOURS": {
        "ok": 24 * 7,
        "redirected": 24 * 7,
        "broken": 24 * 3,
        "unverifiable": 24 * 3,
        "refused": 24 * 30,
    },
    # Successive waits after temporary failures; the last one repeats.
    "TEMPORARY_RETRY_HOURS": (1, 4, 12),
}


@dataclass(frozen=True)
class LinkcheckSettings:
    """A snapshot of the settings one check run uses."""

    concurrency: int = DEFAULTS["CONCURRENCY"]
    per_host_concurrency: int = DEFAULTS["PER_HOST_CONCURRENCY"]
    per_host_delay: float = DEFAULTS["PER_HOST_DELAY"]
    processes: int = DEFAULTS["PROCESSES"]
    client: str = DEFAULTS["CLIENT"]
    connect_timeout: float = DEFAULTS["CONNECT_TIMEOUT"]
    read_timeout: float = DEFAULTS["READ_TIMEOUT"]
    total_timeout: float = DEFAULTS["TOTAL_TIMEOUT"]
    deadline: float = DEFAULTS["DEADLINE"]
    max_redirects: int = DEFAULTS["MAX_REDIRECTS"]
    max_bytes: int = DEFAULTS["MAX_BYTES"]
    retries: int = DEFAULTS["RETRIES"]
    backoff: float = DEFAULTS["BACKOFF"]
    max_retry_after: float = DEFAULTS["MAX_RETRY_AFTER"]
    user_agent: str = DEFAULTS["USER_AGENT"]
    contact_url: str = ""
    allowlist: tuple[str, ...] = ()
    promote_after_failures: int = DEFAULTS["PROMOTE_AFTER_FAILURES"]
    promote_window_hours: float = DEFAULTS["PROMOTE_WINDOW_HOURS"]
    recheck_hours: tuple[tuple[str, float], ...] = tuple(DEFAULTS["RECHECK_HOURS"].items())
    temporary_retry_hours: tuple[float, ...] = DEFAULTS["TEMPORARY_RETRY_HOURS"]

    @property
    def user_agent_header(self) -> str:
        """The User-Agent sent: the checker's name plus where to learn about it."""
        if self.contact_url:
            return f"{self.user_agent} (+{self.contact_url})"
        return self.user_agent
