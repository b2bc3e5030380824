"""The search benchmark's table and plot (bench_search runs the workers)."""

from __future__ import annotations

import os
import statistics

from benchmarks.bench_search import GOALS_MS, PEER_LIMIT_S, PEER_QUERIES, QUERIES


def fmt_ms(value: float | None) -> str:
    return f"> {PEER_LIMIT_S:.0f} s" if value is None else f"{value:.1f} ms"


def _load(result: dict) -> str:
    load = result.get("load")
    return f"{load[0]:.1f}" if load else "n/a"


def report(results: list[dict], rounds: int) -> str:
    lines = [
        f"{len(QUERIES)} queries x {rounds} rounds per surface, in-process WSGI, server cache "
        "off, on a 2-core machine (the load average while each row ran is in its last column; "
        "compare within a row). Latency per request, site = /search/, API = /api/v1/search.",
        "",
        "| backend | posts | build | site p50 | site p95 | API p50 | API p95 | goal (p95) "
        "| slowest query (site median) | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |",
    ]
    for r in results:
        goal = GOALS_MS.get((r["backend"], r["size"]))
        worst = max(r["site_p95"], r["api_p95"])
        verdict = "" if goal is None else f"< {goal} ms: {'met' if worst < goal else 'MISSED'}"
        lines.append(
            f"| {r['backend']} | {r['size']:,} | {r['build_s']:.0f} s | {r['site_p50']:.1f} ms"
            f" | {r['site_p95']:.1f} ms | {r['api_p50']:.1f} ms | {r['api_p95']:.1f} ms"
            f" | {verdict} | `{r['slowest']}` | {_load(r)} |"
        )
    lines += [
        "",
        "Peer: the query shape before (Wagtail's `queryset.search()` over the visible posts, "
        f"page 1 of a Paginator of specific pages, one run, limit {PEER_LIMIT_S:.0f} s a query) "
        "against ours for the same page (ranked ids and count, then those pages; median of 3), "
        "both as function calls on the same database. "
        "Queries: " + ", ".join(f"`{q}`" for q in PEER_QUERIES) + ".",
        "",
        "| backend | posts | peer (per query) | ours (per query) | peer / ours (median) |",
        "| --- | ---: | --- | --- | ---: |",
    ]
    for r in results:
        finished = [
            p / o for p, o in zip(r["peer_ms"], r["ours_peer_queries_ms"], strict=True) if p
        ]
        ratio = f"{statistics.median(finished):.1f}x" if finished else "n/a"
        if any(p is None for p in r["peer_ms"]):
            ratio += " (peer hit the limit: a floor)"
        lines.append(
            f"| {r['backend']} | {r['size']:,} | {', '.join(fmt_ms(p) for p in r['peer_ms'])}"
            f" | {', '.join(fmt_ms(o) for o in r['ours_peer_queries_ms'])} | {ratio} |"
        )
    lines += ["", "![p95 latency by corpus size](plots/search_p95.png)"]
    return "\n".join(lines)


def plot(results: list[dict], path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for backend in dict.fromkeys(r["backend"] for r in results):
        rows = sorted((r for r in results if r["backend"] == backend), key=lambda r: r["size"])
        sizes = [r["size"] for r in rows]
        for surface, style in (("site", "-o"), ("api", "--s")):
            ax.plot(sizes, [r[f"{surface}_p95"] for r in rows], style, label=f"{backend} {surface}")
    for (_backend, size), goal in GOALS_MS.items():
        ax.plot([size], [goal], "k_", markersize=18)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("posts")
    ax.set_ylabel("p95 latency (ms)")
    ax.set_title("Search p95 by corpus size (goals as black bars)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fig.savefig(path, dpi=110)
