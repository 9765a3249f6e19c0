#!/usr/bin/env python3
"""Near-duplicate detection side by side: Concord's MinHash/LSH stage vs
Python datasketch MinHashLSH, in one process tree, on the same articles.

1. Builds `concord-bench-dedup` (release), which generates the corpus and
   the brute-force Jaccard truth for a sample (`gen`), then indexes the
   corpus and reports (`run`, a child process of this script).
2. Runs datasketch on the same `corpus.jsonl`, in this process, with the
   same tokenisation (lower-case, apostrophes deleted, words = [a-z0-9]+,
   5-word shingles), the same num_perm (128) and the same threshold (0.8):
   - "datasketch default": MinHashLSH(threshold=0.8, num_perm=128), which
     picks its own bands x rows (9 x 13);
   - "datasketch 21x6": the same with params=(21, 6), Concord's banding.
   Each article is queried, its candidates verified with the estimated
   Jaccard (MinHash.jaccard >= threshold), then inserted: the same streaming
   work Concord does (Concord verifies with the exact Jaccard instead).
3. Prints throughput, peak memory and recall/precision against the same
   truth for both, and the Concord/datasketch ratios.

Usage: python3 scripts/bench_dedup.py [--n 100000] [--sample 1000]
       [--seed 42] [--dir out/bench-dedup] [--reuse]
datasketch is installed quietly with pip if it is missing.
"""

import argparse
import importlib
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[a-z0-9]+")
NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE_WORDS = 5


def ensure_datasketch():
    try:
        importlib.import_module("datasketch")
    except ImportError:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "datasketch"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def status_mib(field):
    """A kB field of /proc/self/status (VmRSS, VmHWM) in MiB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def shingles(text):
    """Concord's shingles as strings: see concord_dedup::minhash::shingle."""
    words = WORD.findall(text.lower().replace("'", ""))
    if not words:
        return []
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode()]
    return list(
        {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}
    )


def run_rust(args, binary):
    if not args.reuse or not os.path.exists(os.path.join(args.dir, "truth.json")):
        subprocess.run(
            [binary, "gen", "--n", str(args.n), "--sample", str(args.sample),
             "--seed", str(args.seed), "--dir", args.dir],
            check=True,
        )
    report = os.path.join(args.dir, "concord.json")
    subprocess.run([binary, "run", "--dir", args.dir, "--json", report], check=True)
    with open(report) as f:
        return json.load(f)


def lsh_pass(minhash_stream, lsh, sample, timings):
    """Query, verify and insert each article; returns candidate and verified
    pairs that involve a sampled article."""
    candidates, verified = set(), set()
    kept = []
    for doc_id, m in minhash_stream:
        t0, c0 = time.perf_counter(), time.process_time()
        found = lsh.query(m)
        for other in found:
            if doc_id in sample or other in sample:
                pair = (min(doc_id, other), max(doc_id, other))
                candidates.add(pair)
                if m.jaccard(kept[other]) >= THRESHOLD:
                    verified.add(pair)
            else:
                m.jaccard(kept[other])  # the verification a user would run
        lsh.insert(doc_id, m, check_duplication=False)
        kept.append(m)
        timings["lsh_wall"] += time.perf_counter() - t0
        timings["lsh_cpu"] += time.process_time() - c0
    return candidates, verified, kept


def score(pairs, truth):
    truth_pairs = {(a, b) for a, b, _ in truth["pairs"]}
    near = {(a, b) for a, b, j in truth["pairs"] if j < truth["threshold"] + 0.05}
    hits = len(pairs & truth_pairs)
    ratio = lambda x, y: x / y if y else 1.0
    return {
        "recall": ratio(hits, len(truth_pairs)),
        "recall_near_threshold": ratio(len(pairs & near), len(near)),
        "precision": ratio(hits, len(pairs)),
    }


def run_datasketch(args, truth):
    from datasketch import MinHash, MinHashLSH

    with open(os.path.join(args.dir, "corpus.jsonl")) as f:
        texts = [json.loads(line)["text"] for line in f]
    sample = set(truth["sample"])
    rss_loaded = status_mib("VmRSS")
    results = {}

    # Default banding, streaming: shingle + MinHash each article as it comes.
    timings = {"sig_wall": 0.0, "sig_cpu": 0.0, "lsh_wall": 0.0, "lsh_cpu": 0.0}

    def stream():
        generator = MinHash.generator((shingles(t) for t in texts), num_perm=NUM_PERM)
        for doc_id in range(len(texts)):
            t0, c0 = time.perf_counter(), time.process_time()
            m = next(generator)
            timings["sig_wall"] += time.perf_counter() - t0
            timings["sig_cpu"] += time.process_time() - c0
            yield doc_id, m

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    cand, ver, kept = lsh_pass(stream(), lsh, sample, timings)
    peak = status_mib("VmHWM")
    n = len(texts)
    wall = timings["sig_wall"] + timings["lsh_wall"]
    cpu = timings["sig_cpu"] + timings["lsh_cpu"]
    results["default"] = {
        "bands": lsh.b, "rows": lsh.r,
        "total_secs": wall, "cpu_secs": cpu,
        "articles_per_sec": n / wall, "articles_per_cpu_sec": n / cpu,
        "us_per_signature": 1e6 * timings["sig_wall"] / n,
        "us_per_lsh": 1e6 * timings["lsh_wall"] / n,
        "rss_loaded_mib": rss_loaded, "peak_rss_mib": peak,
        "candidates": score(cand, truth), "verified": score(ver, truth),
    }
    del lsh, cand, ver

    # Concord's banding on the same MinHashes (signature time reused).
    lsh_timings = {"lsh_wall": 0.0, "lsh_cpu": 0.0}
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, params=(21, 6))
    cand, ver, _ = lsh_pass(enumerate(kept), lsh, sample, lsh_timings)
    wall = timings["sig_wall"] + lsh_timings["lsh_wall"]
    cpu = timings["sig_cpu"] + lsh_timings["lsh_cpu"]
    results["21x6"] = {
        "bands": lsh.b, "rows": lsh.r,
        "total_secs": wall, "cpu_secs": cpu,
        "articles_per_sec": n / wall, "articles_per_cpu_sec": n / cpu,
        "us_per_signature": 1e6 * timings["sig_wall"] / n,
        "us_per_lsh": 1e6 * lsh_timings["lsh_wall"] / n,
        "rss_loaded_mib": rss_loaded, "peak_rss_mib": status_mib("VmHWM"),
        "candidates": score(cand, truth), "verified": score(ver, truth),
    }
    return results


def print_comparison(concord, ds, truth):
    def pct(x):
        return "%.4f" % x

    print()
    print("Same %d articles, num_perm %d, threshold %.1f, %d-word shingles; truth: %d pairs "
          "(brute-force Jaccard, %d sampled articles x all)."
          % (concord["n_docs"], NUM_PERM, THRESHOLD, SHINGLE_WORDS, len(truth["pairs"]),
             len(truth["sample"])))
    print()
    print("| | bands x rows | articles/s (wall) | articles/CPU-s | peak RSS | index memory "
          "| recall | recall J in [0.80, 0.85) | precision |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    print("| Concord (exact verify) | %dx%d | %.0f | %.0f | %.0f MiB | %.0f MiB | %s | %s | %s |"
          % (concord["bands"], concord["rows"], concord["articles_per_sec"],
             concord["articles_per_cpu_sec"], concord["peak_rss_mib"],
             concord["peak_rss_mib"] - concord["rss_loaded_mib"], pct(concord["recall"]),
             pct(concord["recall_near_threshold"]), pct(concord["precision"])))
    for name, r in ds.items():
        for stage in ("candidates", "verified"):
            s = r[stage]
            label = "datasketch %s, %s" % (name, "LSH candidates" if stage == "candidates"
                                           else "estimated J >= 0.8")
            print("| %s | %dx%d | %.0f | %.0f | %.0f MiB | %.0f MiB | %s | %s | %s |"
                  % (label, r["bands"], r["rows"], r["articles_per_sec"],
                     r["articles_per_cpu_sec"], r["peak_rss_mib"],
                     r["peak_rss_mib"] - r["rss_loaded_mib"], pct(s["recall"]),
                     pct(s["recall_near_threshold"]), pct(s["precision"])))
    d = ds["default"]
    print()
    print("Concord / datasketch default: throughput x%.1f (wall), x%.1f (CPU); "
          "peak RSS x%.2f; recall %.4f vs %.4f (verified) / %.4f (candidates)"
          % (concord["articles_per_sec"] / d["articles_per_sec"],
             concord["articles_per_cpu_sec"] / d["articles_per_cpu_sec"],
             concord["peak_rss_mib"] / d["peak_rss_mib"], concord["recall"],
             d["verified"]["recall"], d["candidates"]["recall"]))
    print("datasketch per article: MinHash (incl. shingling) %.0f us, LSH query+verify+insert "
          "%.0f us (default), %.0f us (21x6)"
          % (d["us_per_signature"], d["us_per_lsh"], ds["21x6"]["us_per_lsh"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--dir", default=os.path.join(ROOT, "out", "bench-dedup"))
    parser.add_argument("--reuse", action="store_true",
                        help="keep an existing corpus and truth in --dir")
    args = parser.parse_args()
    args.dir = os.path.abspath(args.dir)

    load_start = os.getloadavg()[0]
    ensure_datasketch()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "concord-bench-dedup"],
                   cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "concord-bench-dedup")
    concord = run_rust(args, binary)
    with open(os.path.join(args.dir, "truth.json")) as f:
        truth = json.load(f)
    print("datasketch: indexing the same corpus ...", flush=True)
    ds = run_datasketch(args, truth)
    with open(os.path.join(args.dir, "datasketch.json"), "w") as f:
        json.dump(ds, f, indent=2)
    print_comparison(concord, ds, truth)
    print("load average (1 min) at start %.1f, at end %.1f, on %d cores"
          % (load_start, os.getloadavg()[0], os.cpu_count() or 0))


if __name__ == "__main__":
    main()
