#!/usr/bin/env python3
"""Score story clusters against gold labels: BCubed and pairwise P/R/F1.

Usage:
    score_clustering.py GOLD PRED.json [--json]

GOLD: a CSV with `ID` and `STORY` columns (the UCI News Aggregator layout),
or a stories JSON like PRED (to compare two runs, e.g. a shuffled stream
against the unshuffled one). PRED.json: `{"stories": [{"id": ..., "articles": [ids...]}, ...]}`,
the shape `concord stories --format json` and `eval-cluster run` print.

Only articles present in the prediction are scored (a run over half of the
stream is scored on that half); a predicted id missing from the gold, or an
id predicted twice, is an error.

BCubed (Bagga & Baldwin 1998; Amigo et al. 2009): for each article, precision
is the share of its predicted story that shares its gold story, recall the
share of its gold story that shares its predicted story; both are averaged
over articles, and F1 is their harmonic mean.

Pairwise: over all unordered pairs of articles, a pair is a true positive
when it is in one predicted story and one gold story; precision and recall
are over predicted-together and gold-together pairs.
"""

import argparse
import csv
import json
import sys
from collections import Counter


def load_gold(path):
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            stories = json.load(f)["stories"]
        return {str(a): n for n, s in enumerate(stories) for a in s["articles"]}
    with open(path, newline="", encoding="utf-8") as f:
        return {row["ID"]: row["STORY"] for row in csv.DictReader(f)}


def load_pred(path, gold):
    with open(path, encoding="utf-8") as f:
        stories = json.load(f)["stories"]
    pred = {}
    for n, story in enumerate(stories):
        for article in story["articles"]:
            article = str(article)
            if article in pred:
                sys.exit(f"{path}: article {article} is in two stories")
            if article not in gold:
                sys.exit(f"{path}: article {article} is not in the gold file")
            pred[article] = n
    return pred


def f1(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def pairs(sizes):
    return sum(n * (n - 1) // 2 for n in sizes)


def score(gold, pred):
    """BCubed and pairwise scores over the articles in `pred`."""
    items = list(pred)
    both = Counter((pred[i], gold[i]) for i in items)
    pred_size = Counter(pred[i] for i in items)
    gold_size = Counter(gold[i] for i in items)
    n = len(items)
    # Each article in cell (c, g) sees `both[c, g]` articles (itself
    # included) sharing both its stories.
    bp = sum(k * k / pred_size[c] for (c, _), k in both.items()) / n if n else 0.0
    br = sum(k * k / gold_size[g] for (_, g), k in both.items()) / n if n else 0.0
    tp = pairs(both.values())
    pp, gp = pairs(pred_size.values()), pairs(gold_size.values())
    pwp = tp / pp if pp else 1.0
    pwr = tp / gp if gp else 1.0
    return {
        "articles": n,
        "gold_stories": len(gold_size),
        "predicted_stories": len(pred_size),
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": f1(bp, br),
        "pairwise_precision": pwp,
        "pairwise_recall": pwr,
        "pairwise_f1": f1(pwp, pwr),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    gold = load_gold(args.gold)
    s = score(gold, load_pred(args.pred, gold))
    if args.json:
        print(json.dumps(s))
        return
    print(
        f"articles {s['articles']}  gold stories {s['gold_stories']}  "
        f"predicted {s['predicted_stories']}"
    )
    print(
        f"BCubed   P {s['bcubed_precision']:.3f}  R {s['bcubed_recall']:.3f}  "
        f"F1 {s['bcubed_f1']:.3f}"
    )
    print(
        f"pairwise P {s['pairwise_precision']:.3f}  R {s['pairwise_recall']:.3f}  "
        f"F1 {s['pairwise_f1']:.3f}"
    )


if __name__ == "__main__":
    main()
