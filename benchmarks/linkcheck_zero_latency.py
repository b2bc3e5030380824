"""The link-check benchmark's no-added-latency run: the engines' own cost, ours vs lychee.

The loopback servers answer at once, so nothing hides the checker's CPU behind waiting: the
figures are throughput (URLs/s) and CPU seconds per 1,000 links, ours (in-process plus its
forked workers, on the loop production uses: uvloop's when installed) and lychee's (a child
process, all its threads), alternating run by run so the shared machine's load falls on both
alike. The servers' own CPU is read from /proc, because with 0 ms they can become the ceiling.
"""

from __future__ import annotations

import os
import statistics

from benchmarks.linkcheck_workload import CONCURRENCY, PER_HOST, Run, ServerFarm, bench_settings
from benchmarks.procstat import process_cpu

TARGET = 0.7  # our throughput over lychee's


def run_zero_latency(urls_for, repeat: int, run_ours, run_lychee) -> tuple[Run, Run, dict]:
    """Alternate our fetcher and lychee over the same URLs on a 0 ms farm."""
    farm = ServerFarm(20, 0.0, lifetime=900)
    ours, lychee = Run(f"this fetcher ({bench_settings().client})", 0), Run("lychee", 0)
    servers: dict[str, list[float]] = {"ours": [], "lychee": []}
    try:
        urls = urls_for(farm.hosts)
        ours.count = lychee.count = len(urls)
        for _ in range(repeat):
            for name, runner, run in (("ours", run_ours, ours), ("lychee", run_lychee, lychee)):
                before = process_cpu(farm.process.pid)
                once = runner(farm, urls, 1)
                after = process_cpu(farm.process.pid)
                if not once.seconds:
                    run.note = once.note
                    continue
                run.tool, run.outcome = once.tool, once.outcome
                run.seconds += once.seconds
                run.cpu_seconds += once.cpu_seconds
                run.max_in_flight = max(run.max_in_flight, once.max_in_flight)
                if before is not None and after is not None:
                    servers[name].append(after - before)
    finally:
        farm.close()
    return ours, lychee, servers


def render_zero_latency(ours: Run, lychee: Run, servers: dict) -> tuple[list[str], bool | None]:
    """Markdown lines for the 0 ms run and whether the throughput target was met."""
    lines = [
        "",
        "### No added latency",
        "",
        f"The same {ours.count} URLs on 20 loopback servers that answer at once (0 ms), "
        f"same settings ({CONCURRENCY} global, {PER_HOST} per host); {len(ours.seconds)} runs "
        "of each tool, alternating. CPU per 1,000 links is the tool's own (ours in-process plus "
        "its worker processes, lychee's as a child, all threads); the servers' CPU is the farm "
        "process's during each tool's runs.",
        "",
        "| tool | wall s (median) | runs | URLs/s | CPU s per 1,000 links | servers' CPU s "
        "| outcome |",
        "| --- | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for name, run in (("ours", ours), ("lychee", lychee)):
        if not run.seconds:
            lines.append(f"| {run.tool} | n/a | | | | | {run.note} |")
            continue
        per_k = statistics.median(run.cpu_seconds) / run.count * 1000
        served = f"{statistics.median(servers[name]):.2f}" if servers[name] else "n/a"
        lines.append(
            f"| {run.tool} | {run.median:.3f} | {', '.join(f'{s:.2f}' for s in run.seconds)} "
            f"| {run.rate:.0f} | {per_k:.3f} | {served} | {run.outcome} |"
        )
    if not (ours.seconds and lychee.seconds):
        return lines, None
    ratio = ours.rate / lychee.rate
    cpu_ratio = statistics.median(ours.cpu_seconds) / statistics.median(lychee.cpu_seconds)
    lines += [
        "",
        f"- Throughput ours / lychee: **{ratio:.2f}x** (target >= {TARGET}x: "
        f"**{'met' if ratio >= TARGET else 'MISSED'}**); CPU per link ours / lychee: "
        f"{cpu_ratio:.1f}x.",
        "- What sets it (cores busy = CPU s / wall s, medians): "
        + "; ".join(
            _busy(name, run, servers[name]) for name, run in (("ours", ours), ("lychee", lychee))
        )
        + ". A tool near its cores on its own is held by its own CPU (ours is one Python "
        "thread per worker process, one per CPU); one well under that while the servers "
        "(one Python thread) sit near 1.0 is held by the servers, so its figure is a floor on "
        "what it could do. The 2 cores are shared by the tool, the servers and whatever else "
        f"runs on this machine (load average {os.getloadavg()[0]:.1f} at the end), so wall "
        "times vary run to run.",
    ]
    ours_core = statistics.median(ours.cpu_seconds) / ours.median
    if ours_core < 0.5:
        lines.append(
            f"- This run was starved of CPU: ours had {ours_core:.2f} of a core, so the "
            "throughput ratio measures each tool's share of a busy machine (a multi-threaded "
            "child gets more of it) more than the engines; CPU per 1,000 links is the figure "
            "to compare."
        )
    return lines, ratio >= TARGET


def _busy(name: str, run: Run, served: list[float]) -> str:
    wall = run.median
    own = statistics.median(run.cpu_seconds) / wall
    farm = f", servers {statistics.median(served) / wall:.2f}" if served else ""
    return f"{name} {own:.2f} core{farm}"
