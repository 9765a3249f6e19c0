#!/usr/bin/env python3
"""Score `concord extract` on the article-extraction benchmark, with the
benchmark's own metric, and optionally trafilatura side by side.

The metric is that of scrapinghub's article-extraction-benchmark
(evaluate.py): tokens are `\\w+` runs; the 4-token shingles of the gold and
the extracted body are matched as multisets; TP/FP/FN are normalised per
page; precision and recall are averaged over pages (precision over pages
that extracted something, recall over pages with gold text); F1 comes from
the two means. It is re-implemented here so that this script runs from a
plain clone, and checked against the reference in the docstring tests of
`shingle_counts` (run `python3 -m doctest scripts/score_extraction.py`).

Overfitting guard: pages are split by sorted key into two halves (even and
odd positions) and each half is scored on its own as well.

Speed: Concord runs as one process over all pages (start-up, reading the
gzipped files, parsing, cleaning and JSON output included). trafilatura
runs in a child process of this script that reads and extracts the same
pages in a loop; its import time is excluded, its reading is included. It runs
in two modes: body only (`extract(html)`, which skips its metadata and
date search) and the same job as `concord extract` (`with_metadata=True,
output_format="json"`, body and metadata).
Both report wall time, CPU time and peak resident memory of the child
(from wait4). pages/s/core = pages / CPU seconds (both are single-threaded).

Usage:
  python3 scripts/score_extraction.py [--trafilatura] [--repeat N]
      [--fixtures tests/fixtures/article-extraction] [--bin target/release/concord]
      [--worst N] [--dump-dir DIR]
"""

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
NGRAM_N = 4


def shingle_counts(text, n=NGRAM_N):
    """Multiset of n-token shingles, as the benchmark counts them.

    A text shorter than n tokens is one shorter shingle; no tokens, none.
    >>> sorted(shingle_counts("a b c d e").items())
    [(('a', 'b', 'c', 'd'), 1), (('b', 'c', 'd', 'e'), 1)]
    >>> shingle_counts("a b")
    Counter({('a', 'b'): 1})
    >>> shingle_counts("")
    Counter()
    """
    tokens = TOKEN_RE.findall(text or "")
    out = Counter()
    for i in range(0, max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def tp_fp_fn(gold, pred):
    """Per-page TP/FP/FN over shingles, normalised to sum to 1.

    >>> tp_fp_fn("a b c d e", "a b c d e")
    (1.0, 0.0, 0.0)
    >>> tp_fp_fn("a b c d e", "")
    (0.0, 0.0, 1.0)
    """
    g, p = shingle_counts(gold), shingle_counts(pred)
    tp = fp = fn = 0.0
    for key in set(g) | set(p):
        gc, pc = g.get(key, 0), p.get(key, 0)
        tp += min(gc, pc)
        fp += max(0, pc - gc)
        fn += max(0, gc - pc)
    s = tp + fp + fn
    if s > 0:
        return (tp / s, fp / s, fn / s)
    return (tp, fp, fn)


def precision_score(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(triples):
    """Mean precision, mean recall and F1 of the means."""
    ps = [precision_score(*t) for t in triples if t[0] + t[1] > 0]
    rs = [recall_score(*t) for t in triples if t[0] + t[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f1


# A child forked from this script reports this script's own peak RSS as
# its peak when that is the larger (the kernel carries the parent's high
# water mark across the exec), so once the script holds a few runs' output,
# wait4's figure is the script's size. GNU time forks from a small
# process and reports the child's own; wait4 is the fallback without it.
GNU_TIME = "/usr/bin/time"


def run_child(cmd, stdout_path):
    """Run `cmd` with stdout to a file; return (exit code, wall s, cpu s, peak RSS MiB)."""
    timed = os.access(GNU_TIME, os.X_OK)
    rss_file = Path(str(stdout_path) + ".rss")
    if timed:
        cmd = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *cmd]
    with open(stdout_path, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        # Read stderr before waiting so a chatty child cannot block on it.
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if err:
        sys.stderr.write(err.decode("utf-8", "replace")[:4000])
    cpu = usage.ru_utime + usage.ru_stime
    rss = usage.ru_maxrss / 1024.0
    if timed:
        # GNU time exits with the child's code; its last line is the peak in KiB.
        lines = rss_file.read_text().split()
        rss = int(lines[-1]) / 1024.0 if lines and lines[-1].isdigit() else rss
    return proc.returncode, wall, cpu, rss


def concord_bodies(binary, pages, out_path, passes=1):
    """`concord extract` over `pages`, the list read `passes` times in one
    process (so one-time costs weigh as they do on a large corpus)."""
    code, wall, cpu, rss = run_child([str(binary), "extract", *map(str, pages * passes)], out_path)
    if code not in (0, 1):
        raise SystemExit(f"concord extract failed with exit code {code}")
    articles = json.loads(Path(out_path).read_text(encoding="utf-8"))
    bodies = {}
    for a in articles:
        key = a["id"].split(".")[0]
        bodies[key] = "\n".join(a["body_paragraphs"])
    return bodies, {"wall": wall, "cpu": cpu, "rss": rss, "exit": code}


# trafilatura's two modes. "body" is `extract(html)` alone, what earlier
# numbers compare with; it skips trafilatura's metadata and date search
# (htmldate). "same-job" asks for what `concord extract` outputs: the body
# and the metadata (title, date, author, site name, language, url) as JSON.
TRAFILATURA_MODES = {
    "body": "trafilatura (body only)",
    "same-job": "trafilatura, same job (body + metadata, JSON)",
}


def trafilatura_body(trafilatura, html, mode):
    """One page's body text from trafilatura in `mode`.

    In "same-job" mode the body is the JSON output's `text`, so F1 is
    scored on the same string `extract` returns in "body" mode.
    >>> class Fake:
    ...     @staticmethod
    ...     def extract(html, **kw):
    ...         if kw.get("output_format") == "json":
    ...             return '{"title": "T", "text": "a b c d"}'
    ...         return "a b c d"
    >>> trafilatura_body(Fake, "<p>x</p>", "body")
    'a b c d'
    >>> trafilatura_body(Fake, "<p>x</p>", "same-job")
    'a b c d'
    """
    if mode == "same-job":
        out = trafilatura.extract(
            html, include_comments=False, with_metadata=True, output_format="json"
        )
        return (json.loads(out).get("text") or "") if out else ""
    return trafilatura.extract(html, include_comments=False) or ""


def trafilatura_worker(mode, paths):
    """Child process: extract every page with trafilatura, print JSON.

    Timing covers reading and extraction only, not the import."""
    import trafilatura

    started = time.perf_counter()
    cpu_started = time.process_time()
    out = {}
    for path in paths:
        with gzip.open(path, "rt", encoding="utf8") as f:
            html = f.read()
        key = Path(path).name.split(".")[0]
        out[key] = trafilatura_body(trafilatura, html, mode)
    timing = {
        "wall": time.perf_counter() - started,
        "cpu": time.process_time() - cpu_started,
        "version": trafilatura.__version__,
    }
    json.dump({"bodies": out, "timing": timing}, sys.stdout)


def ensure_trafilatura():
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        # justext (a trafilatura dependency) needs lxml's split-out cleaner.
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "-q", "trafilatura", "lxml_html_clean"]
        )


def trafilatura_bodies(pages, out_path, mode="body", passes=1):
    """trafilatura over `pages` in a child process, the list read `passes`
    times, as `concord_bodies` does."""
    if mode not in TRAFILATURA_MODES:
        raise SystemExit(f"unknown trafilatura mode {mode!r}")
    ensure_trafilatura()
    cmd = [sys.executable, __file__, "--trafilatura-worker", mode, *map(str, pages * passes)]
    code, wall, cpu, rss = run_child(cmd, out_path)
    if code != 0:
        raise SystemExit(f"trafilatura worker failed with exit code {code}")
    data = json.loads(Path(out_path).read_text(encoding="utf-8"))
    t = data["timing"]
    return data["bodies"], {
        "wall": t["wall"],
        "cpu": t["cpu"],
        "rss": rss,
        "process_wall": wall,
        "version": t["version"],
    }


def report(name, gold, bodies, halves):
    triples = {k: tp_fp_fn(gold[k]["articleBody"], bodies.get(k, "")) for k in gold}
    p, r, f1 = metrics(list(triples.values()))
    line = f"{name:<12} P={p:.4f} R={r:.4f} F1={f1:.4f}"
    for label, keys in halves:
        _, _, hf1 = metrics([triples[k] for k in keys])
        line += f"  F1[{label}]={hf1:.4f}"
    print(line)
    return triples, f1


def speed_line(name, n_pages, runs):
    wall = statistics.median(r["wall"] for r in runs)
    cpu = statistics.median(r["cpu"] for r in runs)
    rss = max(r["rss"] for r in runs)
    print(
        f"{name:<12} {n_pages} pages: wall {wall:.3f} s ({n_pages / wall:.1f} pages/s), "
        f"cpu {cpu:.3f} s ({n_pages / cpu:.1f} pages/s/core), peak RSS {rss:.1f} MiB"
        f"  [median of {len(runs)}]"
    )
    return n_pages / cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fixtures", type=Path, default=ROOT / "tests/fixtures/article-extraction")
    ap.add_argument("--bin", type=Path, default=ROOT / "target/release/concord")
    ap.add_argument("--trafilatura", action="store_true", help="also run trafilatura")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per tool")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    ap.add_argument("--dump-dir", type=Path, help="keep the raw outputs here")
    ap.add_argument("--half", choices=["even", "odd"], help="list worst pages of this half only")
    args = ap.parse_args()

    gold = json.loads((args.fixtures / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((args.fixtures / "html").glob("*.html.gz"))
    keys = sorted(gold)
    if sorted(p.name.split(".")[0] for p in pages) != keys:
        raise SystemExit("pages and ground truth do not match")
    halves = [("even", keys[0::2]), ("odd", keys[1::2])]
    dump = args.dump_dir or Path(os.environ.get("TMPDIR", "/tmp")) / "concord-extraction"
    dump.mkdir(parents=True, exist_ok=True)

    runs = []
    for i in range(max(1, args.repeat)):
        bodies, timing = concord_bodies(args.bin, pages, dump / "concord.json")
        runs.append(timing)
    triples, _ = report("concord", gold, bodies, halves)
    speed = {"concord": speed_line("concord", len(pages), runs)}
    if runs[-1]["exit"] != 0:
        print("(concord extract exited 1: some pages gave no text, see above)")

    if args.trafilatura:
        for mode, label in TRAFILATURA_MODES.items():
            t_runs = []
            for i in range(max(1, args.repeat)):
                t_bodies, timing = trafilatura_bodies(pages, dump / f"trafilatura-{mode}.json", mode)
                t_runs.append(timing)
            print(f"{label}, trafilatura {t_runs[0]['version']}:")
            report(f"traf-{mode}", gold, t_bodies, halves)
            speed[mode] = speed_line(f"traf-{mode}", len(pages), t_runs)
            ratio = speed["concord"] / speed[mode]
            print(f"speed ratio concord/{label}: {ratio:.1f}x (pages/s/core)")

    if args.worst:
        print(f"\nworst {args.worst} pages for concord (key, P, R):")
        half_keys = set(dict(halves)[args.half]) if args.half else set(keys)
        scored = sorted(
            ((k, t) for k, t in triples.items() if k in half_keys),
            key=lambda kv: min(precision_score(*kv[1]), recall_score(*kv[1])),
        )
        for key, t in scored[: args.worst]:
            print(f"  {key[:16]} P={precision_score(*t):.3f} R={recall_score(*t):.3f}  {gold[key]['url'][:70]}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--trafilatura-worker":
        trafilatura_worker(sys.argv[2], sys.argv[3:])
    else:
        main()
