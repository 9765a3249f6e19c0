#!/usr/bin/env python3
"""Throughput and peak memory of main-content extraction over the whole
article-extraction benchmark: Concord (`concord extract`, one process for
all 120 pages) vs trafilatura (one child process, import excluded), in one
run, with the F1 of each on the benchmark's own metric. trafilatura runs
twice: body only (`extract(html)`, no metadata or date search) and the
same job as `concord extract` (body and metadata as JSON); the speed ratio
is printed against each.

Prints a Markdown table for BENCHMARKS.md. Both extractors are
single-threaded, so pages/s/core = pages / CPU seconds of the child.

Usage: python3 scripts/bench_extraction.py [--repeat 5]
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fixtures", type=Path, default=se.ROOT / "tests/fixtures/article-extraction")
    ap.add_argument("--bin", type=Path, default=se.ROOT / "target/release/concord")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    gold = json.loads((args.fixtures / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((args.fixtures / "html").glob("*.html.gz"))
    dump = Path(os.environ.get("TMPDIR", "/tmp")) / "concord-extraction-bench"
    dump.mkdir(parents=True, exist_ok=True)
    load_start = os.getloadavg()
    rows = []
    for name in ["concord", *se.TRAFILATURA_MODES]:
        runs = []
        for _ in range(max(1, args.repeat)):
            if name == "concord":
                bodies, t = se.concord_bodies(args.bin, pages, dump / "concord.json")
            else:
                bodies, t = se.trafilatura_bodies(pages, dump / f"trafilatura-{name}.json", name)
            runs.append(t)
        triples = [se.tp_fp_fn(gold[k]["articleBody"], bodies.get(k, "")) for k in sorted(gold)]
        _, _, f1 = se.metrics(triples)
        cpu = statistics.median(r["cpu"] for r in runs)
        wall = statistics.median(r["wall"] for r in runs)
        rss = max(r["rss"] for r in runs)
        if name == "concord":
            label = name
        else:
            label = se.TRAFILATURA_MODES[name].replace("trafilatura", f"trafilatura {runs[0]['version']}", 1)
        rows.append((label, f1, len(pages) / wall, len(pages) / cpu, rss))
    print(f"{len(pages)} pages, median of {args.repeat} runs each\n")
    print("| extractor | F1 | pages/s (wall) | pages/s/core (CPU) | peak RSS |")
    print("|---|---:|---:|---:|---:|")
    for label, f1, pps, ppc, rss in rows:
        print(f"| {label} | {f1:.3f} | {pps:.0f} | {ppc:.0f} | {rss:.1f} MiB |")
    fmt = lambda la: " ".join(f"{x:.2f}" for x in la)  # noqa: E731
    print(f"\nload average (1, 5, 15 min): {fmt(load_start)} at the start, {fmt(os.getloadavg())} at the end")
    for label, _, _, ppc, _ in rows[1:]:
        print(f"speed ratio (pages/s/core) against {label}: {rows[0][3] / ppc:.1f}x")


if __name__ == "__main__":
    main()
