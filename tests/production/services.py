"""PostgreSQL and Redis for the production tests: skipped where absent, unless required.

CI sets SKINCARE_REQUIRE_SERVICES=1 (`.ci/run`), which turns a missing service into a
failure: there the multi-node tests must run, not quietly skip.
"""

from __future__ import annotations

import os
import socket
import unittest
from urllib.parse import urlsplit

POSTGRES_URL = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
# A Redis database of these tests' own (others: 1-6 helpers, 9 CI worker, 13 freshness).
REDIS_URL = os.environ.get("SKINCARE_PRODUCTION_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def _answers(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


def require_services() -> None:
    """Skip (or fail, under SKINCARE_REQUIRE_SERVICES=1) unless PostgreSQL and Redis answer."""
    missing = [
        name
        for name, url, port in (("PostgreSQL", POSTGRES_URL, 5432), ("Redis", REDIS_URL, 6379))
        if not _answers(url, port)
    ]
    if not missing:
        return
    message = f"{' and '.join(missing)} not reachable"
    if os.environ.get("SKINCARE_REQUIRE_SERVICES") == "1":
        raise AssertionError(f"{message}, and SKINCARE_REQUIRE_SERVICES=1 requires them")
    raise unittest.SkipTest(message)
