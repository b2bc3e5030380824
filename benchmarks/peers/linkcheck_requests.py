"""The sequential peer of the link-check benchmark: a plain ``requests`` loop, one URL at a time."""

from __future__ import annotations

import time
from collections import Counter

from benchmarks.linkcheck_workload import Run, ServerFarm


def run_sequential(farm: ServerFarm, urls: list[str], sample: int) -> Run:
    """A plain requests loop (one keep-alive session), timed on a sample and extrapolated."""
    import requests

    chosen = urls[:sample]
    run = Run("sequential requests loop", len(urls))
    farm.reset()
    counts: Counter = Counter()
    start = time.perf_counter()
    with requests.Session() as session:
        for url in chosen:
            response = session.head(url, allow_redirects=True, timeout=(5, 15))
            counts[response.status_code] += 1
    elapsed = time.perf_counter() - start
    run.seconds.append(elapsed * len(urls) / len(chosen))
    run.max_in_flight = farm.max_in_flight()
    run.outcome = ", ".join(f"HTTP {k} {v}" for k, v in sorted(counts.items()))
    run.note = f"timed on {len(chosen)} URLs ({elapsed:.2f} s), extrapolated to {len(urls)}"
    return run
