#!/usr/bin/env python3
"""CPU time of two `concord` builds on the same `extract` job, run alternately.

On a shared machine one run's wall time moves more than a 5% change, so
this runs build A and build B in turn N times and prints each one's
median and quartiles of child CPU time (user + system), which the other
load inflates less and equally for both.

`--passes N` gives the page list N times in one process, weighing
one-time costs (start-up, regex builds, first-touch faults) as a long
run does.

Usage: cpu_ab.py A_BIN B_BIN [--runs N] [--passes N] [--fixtures DIR]
"""
import argparse
import glob
import os
import resource
import statistics
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_seconds(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--passes", type=int, default=1, help="passes over the pages per run")
    ap.add_argument(
        "--fixtures", default=os.path.join(ROOT, "tests/fixtures/article-extraction/html")
    )
    args = ap.parse_args()
    pages = sorted(glob.glob(os.path.join(args.fixtures, "*.html.gz"))) * max(1, args.passes)
    times = {args.a: [], args.b: []}
    for _ in range(args.runs):
        for binary in (args.a, args.b):
            cmd = [binary, "extract", "--format", "json", *pages]
            times[binary].append(cpu_seconds(cmd))
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for binary, ts in times.items():
        q1, median, q3 = statistics.quantiles(ts, n=4)
        print(
            f"{binary}: median {median * 1000:.1f} ms CPU "
            f"(quartiles {q1 * 1000:.1f}-{q3 * 1000:.1f}), "
            f"{len(pages) / median:.0f} pages/s/core, {len(ts)} runs"
        )


if __name__ == "__main__":
    main()
