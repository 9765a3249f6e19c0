#!/usr/bin/env python3
"""Seeded article generator with real text shapes, for the ingest benchmark.

Usage: gen-uci-articles.py N OUT.jsonl [--seed 7] [--csv PATH]

Source: the UCI News Aggregator sample (shared/datasets/uci-news-aggregator/
dev.csv: 3,182 real headlines, outlets, URLs, timestamps and story labels,
44 stories over two days; CC BY 4.0, Gasparetti 2016).

How N articles are made from 3,182 headlines (all randomness from one
`random.Random(seed)`, so the same N and seed give the same file):

* The rows are replayed in TIMESTAMP order, over and over. Replay r is
  shifted by 7*r days: more than the online clusterer's 3-day cold window,
  so one replay's stories have gone cold before the next starts, and each
  replay is a fresh set of 44 concurrent stories (the real mix of sizes).
* Each (story, replay) gets a made-up place/organisation name (seeded
  syllables, e.g. "Varondel"), used in its body text, so the vocabulary and
  entity set grow with N as they do in a real stream instead of saturating.
* Title: the row's real headline. Outlet, URL (replay number added to the
  path, so canonical URLs stay unique) and timestamp: the row's own.
* Body: 4 paragraphs of 2-3 sentences. Each sentence is another real
  headline of the same story, mutated: each word is dropped with p=0.04 or
  replaced by a word from the same story's headlines with p=0.08; a
  sentence names the story's made-up name with p=0.3 ("... , Varondel
  officials said.") and carries a number with p=0.2. About 100-140 words.
* Copies, to exercise the duplicate checks: with p=0.02 the next article is
  an exact copy of one of the last 200 (new id, URL and outlet; the content
  hash must catch it), and with p=0.03 a near copy (same body with one
  paragraph rewritten and the title shortened: the syndication check's
  case, stored as its own article).
"""
import csv
import json
import random
import sys
from datetime import datetime, timezone

SYLLABLES = ("ar ban cor del dor fen gar hal kor lan mar nor pel quin ros "
             "sal tor val ven wen zar mon bre cas").split()
SUFFIXES = ("ia", "on", "el", "ar", "ville", "stad", "ford", "burg", "a", "is")
DAY_MS = 86_400_000


def made_up_name(rng):
    n = rng.choice((2, 2, 3))
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize() + rng.choice(SUFFIXES)


def mutate(sentence, pool, rng):
    out = []
    for w in sentence.split():
        x = rng.random()
        if x < 0.04:
            continue
        out.append(rng.choice(pool) if x < 0.12 else w)
    return " ".join(out) if out else sentence


def main():
    args = sys.argv[1:]
    seed, csv_path = 7, "/work/shared/datasets/uci-news-aggregator/dev.csv"
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    if "--csv" in args:
        i = args.index("--csv")
        csv_path = args[i + 1]
        del args[i:i + 2]
    n, out_path = int(args[0]), args[1]
    rng = random.Random(seed)
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: (int(r["TIMESTAMP"]), int(r["ID"])))
    by_story = {}
    for r in rows:
        by_story.setdefault(r["STORY"], []).append(r["TITLE"].strip())
    pools = {s: [w for t in titles for w in t.split()] for s, titles in by_story.items()}
    recent = []  # (title, paragraphs) of the last articles, for copies
    names = {}
    written = copies = near = 0
    with open(out_path, "w", encoding="utf-8") as out:
        while written < n:
            replay, row = divmod(written, len(rows))
            r = rows[row]
            story = r["STORY"]
            key = (story, replay)
            if key not in names:
                names[key] = made_up_name(rng)
            ts = int(r["TIMESTAMP"]) + replay * 7 * DAY_MS
            published = datetime.fromtimestamp(ts / 1000, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            url = r["URL"].replace("://" + r["HOSTNAME"] + "/", "://" + r["HOSTNAME"] + f"/r{replay}/", 1)
            doc_id = f"uci{r['ID']}-r{replay}"
            x = rng.random()
            if recent and x < 0.05:
                title, paras = rng.choice(recent)
                if x < 0.02:
                    copies += 1
                    doc_id += "-copy"
                else:
                    near += 1
                    doc_id += "-near"
                    paras = list(paras)
                    k = rng.randrange(len(paras))
                    paras[k] = mutate(paras[k], pools[story], rng)
                    title = " ".join(title.split()[:-1]) or title
                url = url.replace("/r", "/copy/r", 1)
            else:
                title = r["TITLE"].strip()
                titles, pool, name = by_story[story], pools[story], names[key]
                paras = []
                for _ in range(4):
                    sents = []
                    for _ in range(rng.choice((2, 3))):
                        s = mutate(rng.choice(titles), pool, rng).rstrip(".?!:")
                        if rng.random() < 0.2:
                            s += f", up {rng.randint(2, 95)} percent"
                        if rng.random() < 0.3:
                            s += f", {name} officials said"
                        sents.append(s[:1].upper() + s[1:] + ".")
                    paras.append(" ".join(sents))
                recent.append((title, paras))
                if len(recent) > 200:
                    recent.pop(0)
            out.write(json.dumps({
                "id": doc_id, "title": title, "text": "\n\n".join(paras),
                "published": published, "outlet": r["PUBLISHER"], "url": url,
            }) + "\n")
            written += 1
    print(f"generated {written} articles ({copies} exact copies, {near} near copies), "
          f"seed {seed}, {written // len(rows) + 1} replays", file=sys.stderr)


if __name__ == "__main__":
    main()
