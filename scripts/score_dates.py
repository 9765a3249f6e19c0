#!/usr/bin/env python3
"""Score publication-date extraction: Concord vs htmldate vs trafilatura.

Runs the three extractors over the same saved pages (raw bytes, no URL
given to any of them, so each must find the date from the HTML alone) and
compares the day each returns with the human label in ground-truth.json.

Reported per extractor, for all pages and for two halves split by key (the
first hex digit of the key's MD5: 0-7 / 8-f), so a change that helps one
half only is visible:
  correct  exact day equal to the label
  no date  nothing returned
  wrong    a day returned that is not the label

Usage:
  python3 scripts/score_dates.py [DATASET_DIR] [--only concord] [--errors FILE]

DATASET_DIR defaults to tests/fixtures/publication-dates. Concord is run as
the example `target/release/examples/extract_dates` of concord-clean (built
here), which decodes each page's bytes with `decode_html` and prints
`key<TAB>date<TAB>provenance`. htmldate and trafilatura are installed with
pip when missing.
"""

import argparse
import gzip
import hashlib
import json
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_python_packages():
    missing = []
    # trafilatura imports lxml.html.clean, which lxml 5.2+ ships apart as
    # lxml_html_clean: without it trafilatura is installed yet fails to
    # import.
    for module, packages in (
        ("htmldate", ["htmldate"]),
        ("trafilatura", ["trafilatura", "lxml_html_clean"]),
    ):
        try:
            __import__(module)
        except ImportError:
            missing.extend(packages)
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing], check=True)


def concord_command(html_dir):
    """The example binary, rebuilt first (cargo is quick when it is current)."""
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "concord-clean", "--example", "extract_dates"],
        cwd=ROOT,
        check=True,
    )
    return [os.path.join(ROOT, "target/release/examples/extract_dates"), html_dir]


def run_concord(html_dir):
    """key -> (date or None, provenance), and the wall and CPU time of the run."""
    command = concord_command(html_dir)
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    elapsed = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    found = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        key, date = parts[0], parts[1]
        found[key] = (date or None, parts[2] if len(parts) > 2 else "")
    return found, (elapsed, cpu)


def run_python(pages, name):
    if name == "htmldate":
        from htmldate import find_date

        def extract(html):
            return find_date(html, original_date=True)

    else:
        import trafilatura

        def extract(html):
            meta = trafilatura.extract_metadata(html)
            return meta.date if meta is not None else None

    found = {}
    start = time.perf_counter()
    cpu_start = time.process_time()
    for key, html in pages.items():
        try:
            date = extract(html)
        except Exception as err:  # a crash on one page counts as no date
            print(f"{name}: {key}: {err}", file=sys.stderr)
            date = None
        found[key] = ((date or "")[:10] or None, "")
    return found, (time.perf_counter() - start, time.process_time() - cpu_start)


def half_of(key):
    """A or B, from the key's MD5: stable, and unrelated to site or date."""
    return "A" if hashlib.md5(key.encode("utf-8")).hexdigest()[0] in "01234567" else "B"


def score(found, truth, keys):
    correct = no_date = wrong = 0
    for key in keys:
        date = found.get(key, (None, ""))[0]
        if date is None:
            no_date += 1
        elif date == truth[key]["published"]:
            correct += 1
        else:
            wrong += 1
    return correct, no_date, wrong


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", default=os.path.join(ROOT, "tests/fixtures/publication-dates"))
    parser.add_argument("--only", choices=["concord", "htmldate", "trafilatura"], action="append")
    parser.add_argument("--errors", help="write Concord's wrong and missing pages here (TSV)")
    parser.add_argument("--dump", help="write every extractor's date per page here (JSON)")
    args = parser.parse_args()

    with open(os.path.join(args.dataset, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    html_dir = os.path.join(args.dataset, "html")
    keys = sorted(truth)
    halves = {
        "all": keys,
        "half A": [k for k in keys if half_of(k) == "A"],
        "half B": [k for k in keys if half_of(k) == "B"],
    }

    tools = args.only or ["concord", "htmldate", "trafilatura"]
    results = {}
    if "concord" in tools:
        results["concord"] = run_concord(html_dir)
    if "htmldate" in tools or "trafilatura" in tools:
        ensure_python_packages()
        pages = {}
        for key in keys:
            with gzip.open(os.path.join(html_dir, key + ".html.gz"), "rb") as f:
                pages[key] = f.read()
        for name in ("htmldate", "trafilatura"):
            if name in tools:
                results[name] = run_python(pages, name)

    n = len(keys)
    print(f"{n} pages, {len(halves['half A'])} in half A, {len(halves['half B'])} in half B\n")
    header = f"{'extractor':<12} {'set':<13} {'correct':>8} {'accuracy':>9} {'no date':>8} {'wrong':>6}"
    print(header)
    print("-" * len(header))
    for name, (found, _) in results.items():
        for label, subset in halves.items():
            correct, no_date, wrong = score(found, truth, subset)
            acc = correct / len(subset) if subset else 0.0
            print(f"{name:<12} {label:<13} {correct:>8} {acc:>9.3f} {no_date:>8} {wrong:>6}")
    print()
    print("time (wall clock, and CPU time, which other load on the machine does not inflate):")
    for name, (_, (elapsed, cpu)) in results.items():
        print(f"{name:<12} {elapsed:7.2f} s wall, {cpu:7.2f} s CPU  ({1000 * cpu / n:.1f} ms CPU/page)")

    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump({name: {k: v[0] for k, v in found.items()} for name, (found, _) in results.items()}, f, indent=1)

    if args.errors and "concord" in results:
        found = results["concord"][0]
        with open(args.errors, "w", encoding="utf-8") as f:
            for key in keys:
                date, prov = found.get(key, (None, ""))
                want = truth[key]["published"]
                if date != want:
                    kind = "none" if date is None else "wrong"
                    f.write(f"{kind}\t{key}\t{want}\t{date or ''}\t{prov}\t{truth[key]['url']}\n")


if __name__ == "__main__":
    main()
