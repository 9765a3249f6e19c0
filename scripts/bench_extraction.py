#!/usr/bin/env python3
"""Throughput and peak memory of main-content extraction over the whole
article-extraction benchmark: Concord (`concord extract`, one process)
vs trafilatura (one child process, import excluded), in one run, with
the F1 of each on the benchmark's own metric. trafilatura runs twice:
body only (`extract(html)`, no metadata or date search) and the same job
as `concord extract` (body and metadata as JSON); the speed ratio is
printed against each.

Each tool is timed twice over: one pass over the 120 pages, and
`--passes N` passes in one process (the page list given N times). One
pass charges Concord its whole process start-up (loading, compiling its
regular expressions on first use, first-touch page faults: about 15 ms,
a tenth of the pass) while trafilatura's import is excluded; N passes
weigh one-time costs as a corpus of many pages does, for both tools.

Prints a Markdown table for BENCHMARKS.md. Both extractors are
single-threaded, so pages/s/core = pages / CPU seconds of the child.

Usage: python3 scripts/bench_extraction.py [--repeat 5] [--passes 5]
       [--bin target/release/concord] [--fixtures tests/fixtures/article-extraction]
"""

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score_extraction as se  # noqa: E402


def measure(name, binary, pages, dump, repeat, passes):
    """Median CPU and wall seconds, peak RSS and bodies of `repeat` runs."""
    runs = []
    for _ in range(max(1, repeat)):
        if name == "concord":
            bodies, t = se.concord_bodies(binary, pages, dump / "concord.json", passes)
        else:
            bodies, t = se.trafilatura_bodies(pages, dump / f"trafilatura-{name}.json", name, passes)
        runs.append(t)
    cpu = statistics.median(r["cpu"] for r in runs)
    wall = statistics.median(r["wall"] for r in runs)
    rss = max(r["rss"] for r in runs)
    return bodies, cpu, wall, rss, runs[0].get("version")



def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fixtures", type=Path, default=se.ROOT / "tests/fixtures/article-extraction")
    ap.add_argument("--bin", type=Path, default=se.ROOT / "target/release/concord")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--passes", type=int, default=5, help="passes over the pages in the long run")
    args = ap.parse_args()
    gold = json.loads((args.fixtures / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((args.fixtures / "html").glob("*.html.gz"))
    dump = Path(os.environ.get("TMPDIR", "/tmp")) / "concord-extraction-bench"
    dump.mkdir(parents=True, exist_ok=True)
    load_start = os.getloadavg()
    rows = []
    for name in ["concord", *se.TRAFILATURA_MODES]:
        bodies, cpu1, wall1, rss1, version = measure(name, args.bin, pages, dump, args.repeat, 1)
        _, cpu_n, wall_n, rss_n, _ = measure(name, args.bin, pages, dump, args.repeat, args.passes)
        triples = [se.tp_fp_fn(gold[k]["articleBody"], bodies.get(k, "")) for k in sorted(gold)]
        _, _, f1 = se.metrics(triples)
        if name == "concord":
            label = name
        else:
            label = se.TRAFILATURA_MODES[name].replace("trafilatura", f"trafilatura {version}", 1)
        n = len(pages)
        rows.append((label, f1, n / wall1, n / cpu1, n * args.passes / cpu_n, max(rss1, rss_n)))
    print(f"{len(pages)} pages; median of {args.repeat} runs each of one pass and of {args.passes} passes\n")
    print(f"| extractor | F1 | pages/s (wall, 1 pass) | pages/s/core (CPU, 1 pass) | pages/s/core (CPU, {args.passes} passes) | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, f1, pps, ppc1, ppc_n, rss in rows:
        print(f"| {label} | {f1:.3f} | {pps:.0f} | {ppc1:.0f} | {ppc_n:.0f} | {rss:.1f} MiB |")
    fmt = lambda la: " ".join(f"{x:.2f}" for x in la)  # noqa: E731
    print(f"\nload average (1, 5, 15 min): {fmt(load_start)} at the start, {fmt(os.getloadavg())} at the end")
    for label, _, _, ppc1, ppc_n, _ in rows[1:]:
        print(
            f"speed ratio (pages/s/core) against {label}: "
            f"{rows[0][3] / ppc1:.1f}x one pass, {rows[0][4] / ppc_n:.1f}x over {args.passes} passes"
        )

if __name__ == "__main__":
    main()
