"""The load benchmark's section of RESULTS.md and its plot (benchmarks/plots/load.png)."""

from __future__ import annotations

import os
from pathlib import Path

from benchmarks.bench_load import CACHED, ENDPOINTS, GOAL_P99_MS, GOAL_USERS

PLOT = Path(__file__).with_name("plots") / "load.png"


def plot(results: list[dict]) -> bool:
    """p99 and requests/s against users, one line per endpoint; False without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    figure, (latency, rate) = plt.subplots(1, 2, figsize=(11, 4.2))
    for target in ENDPOINTS:
        rows = [r for r in results if r["target"] == target]
        users = [r["users"] for r in rows]
        latency.plot(users, [r["p99"] for r in rows], marker="o", label=target)
        rate.plot(users, [r["rps"] for r in rows], marker="o", label=target)
    latency.axhline(GOAL_P99_MS, color="grey", linestyle="--", linewidth=1)
    latency.set(xlabel="concurrent users", ylabel="p99 ms", title="p99 latency", yscale="log")
    rate.set(xlabel="concurrent users", ylabel="requests/s", title="throughput")
    for axes in (latency, rate):
        axes.set_xscale("log")
        axes.set_xticks(sorted({r["users"] for r in results}))
        axes.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
        axes.grid(True, alpha=0.3)
    rate.legend()
    figure.suptitle("gunicorn (production settings) under locust, loopback, 2 shared cores")
    figure.tight_layout()
    PLOT.parent.mkdir(exist_ok=True)
    figure.savefig(PLOT, dpi=90)
    plt.close(figure)
    return True


def render(results: list[dict], args, elapsed: float, *, quick: bool) -> tuple[str, bool]:
    load = os.getloadavg()
    lines = [
        f"Production settings (`config.settings.production`, DEBUG off, WhiteNoise, PostgreSQL, "
        f"Redis cache) served by one gunicorn node ({args.workers} gthread workers x "
        f"{args.threads} threads) on 127.0.0.1, {args.posts:,} live posts "
        "(`benchmarks.corpus_bulk`). locust (FastHttpUser, no think time, Accept-Encoding: gzip) "
        f"runs headless per endpoint and user count for {args.seconds if not quick else 5} s "
        "each, ramping all users in the first second; every sample path was requested once "
        "before (warm caches). A failure is any status but 200 or a connection error.",
        "",
        "**One small machine**: 2 CPU cores for gunicorn, PostgreSQL, Redis, locust itself (one "
        "process, which needs a good share of a core at these rates) and whatever else was "
        f"running at the same time (load average {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} at the end). Figures are what this box gave, not a capacity "
        "statement; more workers only help with more cores.",
        "",
        "| endpoint | users | requests | failures | req/s | p50 ms | p99 ms "
        "| server CPU ms / request |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        cpu = f"{r['cpu_ms']:.1f}" if r.get("cpu_ms") is not None else "n/a"
        lines.append(
            f"| {r['target']} | {r['users']} | {r['requests']:,} | {r['failures']} | "
            f"{r['rps']:,.0f} | {r['p50']:.0f} | {r['p99']:.0f} | {cpu} |"
        )
    lines += [
        "",
        "Endpoints: " + "; ".join(f"{k}: {v}" for k, v in ENDPOINTS.items()) + ".",
        "",
        "Server CPU per request is gunicorn's own (master and workers, from /proc) over each "
        "run divided by its requests: the figure the machine's load moves least. With N "
        "cores to itself, a node could serve about N x 1000 / (that figure) requests/s, and "
        "latency at a given number of users follows from there; on this shared box the "
        "throughput above is what was left for it.",
    ]
    failures = sum(r["failures"] for r in results)
    at_goal = [r for r in results if r["target"] in CACHED and r["users"] == GOAL_USERS]
    p99_ok = bool(at_goal) and all(r["p99"] < GOAL_P99_MS for r in at_goal)
    goal_text = ", ".join(f"{r['target']} {r['p99']:.0f} ms" for r in at_goal) or "not run"
    lines += [
        "",
        "Goals:",
        "",
        f"- zero errors: {failures} failed requests in all: **{'met' if not failures else 'MISSED'}**",
        f"- p99 < {GOAL_P99_MS} ms at {GOAL_USERS} users for cached endpoints ({goal_text}): "
        f"**{'met' if p99_ok else 'MISSED'}**",
    ]
    if not quick and plot(results):
        lines += ["", f"![p99 and requests/s by users](plots/{PLOT.name})"]
    lines += ["", f"Whole run {elapsed / 60:.1f} min (setup, corpus, warm-up, locust runs)."]
    return "\n".join(lines), failures == 0 and p99_ok
