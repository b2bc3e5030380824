"""Placeholder-spam benchmark: our engine against a BeautifulSoup(html.parser) peer.

``python -m benchmarks.bench_placeholders [--bodies 2000] [--repeats 3] [--quick]`` generates
``--bodies`` synthetic ~30 KB article bodies (``benchmarks.corpus_placeholders``, seeded, one in
ten with spam), runs the engine (``linkcheck.placeholders.scan``) and the naive peer
(``benchmarks.peers.placeholders_bs4``) over all of them, and fails unless both report the same
findings (kind, action, text, href) on every body. It then reports the best of the timed
repeats (time.perf_counter), throughput, the speed ratio (target: at least 10x), the peak
memory one scan needs (tracemalloc), and writes the section "placeholders" of RESULTS.md.
Neither implementation imports Django, so no settings are needed.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable

from benchmarks.corpus_placeholders import bodies
from benchmarks.peers.placeholders_bs4 import might_hold_spam
from benchmarks.peers.placeholders_bs4 import scan as peer_scan
from linkcheck.placeholders import ScanResult
from linkcheck.placeholders import scan as engine_scan
from linkcheck.placeholders.triggers import may_contain_spam

COMMAND = "make bench (python -m benchmarks.bench_placeholders)"
TARGET_RATIO = 10.0
MEMORY_SAMPLE = 200

Scanner = Callable[[str], ScanResult]


def key(result: ScanResult) -> list[tuple[str, str, str, str | None]]:
    """What must agree between the two implementations (reasons are prose)."""
    return [(f.kind, f.action, f.text, f.href) for f in result.findings]


def timed_pass(scan: Scanner, htmls: list[str]) -> tuple[list[float], list[ScanResult]]:
    """Seconds for each body in one pass over every body, and the results.

    Per body, so the same pass gives the clean-body and spam-body figures too.
    """
    gc.collect()
    clock = time.perf_counter
    seconds, results = [], []
    for html in htmls:
        start = clock()
        results.append(scan(html))
        seconds.append(clock() - start)
    return seconds, results


def subset(seconds: list[float], wanted: list[bool]) -> float:
    return sum(s for s, keep in zip(seconds, wanted, strict=True) if keep)


def peak_memory(scan: Scanner, htmls: list[str]) -> tuple[int, int]:
    """Median and largest memory one scan allocated at once, over a sample of bodies (bytes)."""
    peaks = []
    tracemalloc.start()
    try:
        for html in htmls:
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            scan(html)
            peaks.append(tracemalloc.get_traced_memory()[1] - before)
    finally:
        tracemalloc.stop()
    peaks.sort()
    return peaks[len(peaks) // 2], peaks[-1]


def check_agreement(
    htmls: list[str], spammy: list[bool], ours: list[ScanResult], theirs: list[ScanResult]
) -> list[str]:
    """Every way the two disagree, plus engine guarantees the peer cannot show."""
    problems = []
    for index, (html, flagged, mine, peer) in enumerate(
        zip(htmls, spammy, ours, theirs, strict=True)
    ):
        if key(mine) != key(peer):
            problems.append(f"body {index}: engine {key(mine)} != peer {key(peer)}")
        if not mine.findings and mine.cleaned_html is not html:
            problems.append(f"body {index}: clean body not returned as the same string")
        if flagged and not mine.findings:
            problems.append(f"body {index}: spam planted but nothing found")
        if mine.findings and engine_scan(mine.cleaned_html).findings:
            problems.append(f"body {index}: cleaning is not idempotent")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=2000, help="bodies to generate (~30 KB each)")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes; the best counts")
    parser.add_argument("--seed", type=int, default=20_260_101, help="corpus seed")
    parser.add_argument("--quick", action="store_true", help="200 bodies, one repeat, no file")
    args = parser.parse_args(argv)
    count, repeats = (200, 1) if args.quick else (args.bodies, args.repeats)

    start = time.perf_counter()
    corpus = list(bodies(count, args.seed))
    generated = time.perf_counter() - start
    htmls = [html for _spammy, html in corpus]
    spammy = [flag for flag, _html in corpus]
    megabytes = sum(len(html.encode()) for html in htmls) / 1e6
    print(
        f"{count} bodies, {megabytes:.1f} MB, {sum(spammy)} with spam ({generated:.1f} s to build)"
    )

    engine_passes: list[list[float]] = []
    peer_passes: list[list[float]] = []
    ours: list[ScanResult] = []
    theirs: list[ScanResult] = []
    for repeat in range(repeats):
        seconds, ours = timed_pass(engine_scan, htmls)
        engine_passes.append(seconds)
        seconds, theirs = timed_pass(peer_scan, htmls)
        peer_passes.append(seconds)
        print(
            f"  pass {repeat + 1}: engine {sum(engine_passes[-1]):.2f} s, "
            f"peer {sum(peer_passes[-1]):.2f} s"
        )
    engine_times = [sum(p) for p in engine_passes]
    peer_times = [sum(p) for p in peer_passes]

    problems = check_agreement(htmls, spammy, ours, theirs)
    if problems:
        print(f"FAIL: {len(problems)} disagreements", *problems[:20], sep="\n  ", file=sys.stderr)
        return 1

    clean = [html for html, flag in zip(htmls, spammy, strict=True) if not flag]
    dirty = [html for html, flag in zip(htmls, spammy, strict=True) if flag]
    is_clean = [not flag for flag in spammy]
    # Best pass of each implementation on each part (the same passes as the overall figure).
    per_part = {
        name: (
            min(subset(p, wanted) for p in engine_passes),
            min(subset(p, wanted) for p in peer_passes),
        )
        for name, wanted in (("clean", is_clean), ("spam", list(spammy)))
    }
    clean_seconds, dirty_seconds = per_part["clean"][0], per_part["spam"][0]
    turned_away = sum(not may_contain_spam(html) for html in clean)
    peer_turned_away = sum(not might_hold_spam(html, None, frozenset()) for html in clean)
    sample = htmls[:MEMORY_SAMPLE]
    memory = {"engine": peak_memory(engine_scan, sample), "peer": peak_memory(peer_scan, sample)}

    best_engine, best_peer = min(engine_times), min(peer_times)
    ratio = best_peer / best_engine
    kinds = Counter(f.kind for result in ours for f in result.findings)
    rows = [
        ("`linkcheck.placeholders.scan`", best_engine, engine_times, memory["engine"]),
        ("BeautifulSoup(html.parser) peer", best_peer, peer_times, memory["peer"]),
    ]
    table = [
        "| implementation | best s | runs s | bodies/s | MB/s | scan peak memory, median / max |",
        "| --- | ---: | --- | ---: | ---: | ---: |",
    ]
    for name, best, runs, peak in rows:
        table.append(
            f"| {name} | {best:.2f} | {', '.join(f'{run:.2f}' for run in runs)} | "
            f"{count / best:,.0f} | {megabytes / best:.1f} | "
            f"{peak[0] / 1e6:.2f} / {peak[1] / 1e6:.2f} MB |"
        )
    verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
    body = "\n".join(
        [
            f"{count:,} synthetic article bodies in Wagtail's stored rich-text format "
            f"(`benchmarks/corpus_placeholders.py`, seed {args.seed}), {megabytes:.1f} MB in all, "
            f"{megabytes * 1000 / count:.1f} KB each on average; {sum(spammy)} "
            f"({sum(spammy) / count:.0%}) carry spam. Both implementations report the same "
            f"findings (kind, action, text, href) on every body: "
            + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
            + ". Clean bodies come back as the same string; cleaning is idempotent.",
            "",
            *table,
            "",
            f"Speed ratio overall: **{ratio:.1f}x** (target at least {TARGET_RATIO:.0f}x: "
            f"{verdict} it).",
            "",
            "| bodies | count | engine s | peer s | ratio |",
            "| --- | ---: | ---: | ---: | ---: |",
            *(
                f"| {name} | {len(part)} | {per_part[name][0]:.2f} | {per_part[name][1]:.2f} | "
                f"{per_part[name][1] / max(per_part[name][0], 1e-9):.1f}x |"
                for name, part in (("clean", clean), ("spam", dirty))
            ),
            f"| all | {count} | {best_engine:.2f} | {best_peer:.2f} | {ratio:.1f}x |",
            "",
            "Each part's figure is its best pass, timed body by body inside the same passes as "
            "the overall one. Both sides skip what their precheck rules out: the peer's "
            "straightforward one (no gate word of the prechecked phrase families, no link a link "
            f"rule could act on) turns away {peer_turned_away} of {len(clean)} clean bodies, "
            "because gate words such as 'path', 'topic', 'together' and 'experience' are "
            "everyday words in skincare prose; the engine's confirms each gate word's phrase on "
            f"its line and turns away {turned_away}.",
            "",
            f"- Engine per body: {clean_seconds / max(len(clean), 1) * 1e3:.2f} ms clean, "
            f"{dirty_seconds / max(len(dirty), 1) * 1e3:.2f} ms with spam; the precheck turns "
            f"away {turned_away} of {len(clean)} clean bodies without parsing anything; the "
            "rest hold honest look-alikes it cannot rule out (an editor's 'we've selected', "
            "'research on the subject', a call-to-action anchor inside a sentence), which the "
            "full rules read and keep.",
            f"- Memory: what tracemalloc saw one scan allocate at its peak, median and maximum "
            f"over the first {len(sample)} bodies.",
            "- Timings are wall clock (time.perf_counter) on a shared machine; both run in the "
            "same process, alternating, so load affects them alike.",
        ]
    )
    print(body)
    if not args.quick:
        from benchmarks.report import write_section

        write_section("placeholders", body, command=COMMAND)
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
