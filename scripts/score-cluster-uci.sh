#!/usr/bin/env bash
# Score `concord cluster` (the dataflow) with the story-clustering scorer
# (scripts/score_clustering.py: BCubed and pairwise P/R/F1), on the same
# labelled data as the online clusterer (BENCHMARKS "Story clustering
# (online)").
#
#   scripts/score-cluster-uci.sh uci [first|second|whole]
#       The UCI News Aggregator sample (tests/fixtures/uci/dev.csv), rows in
#       TIMESTAMP order like `eval-cluster run --part …`, each row one
#       article (title = text = the headline, published = its UTC day,
#       outlet = PUBLISHER). All rows are one epoch with a window of one, so
#       the scored output is the dataflow's stories over the whole part (its
#       output depends only on the live set, not on the epoch size).
#   scripts/score-cluster-uci.sh synthetic N [EPOCH_SIZE] [WINDOW]
#       N articles of scripts/gen-uci-articles.py (what bench-cluster.sh
#       runs, defaults 20000 1000 10); the last epoch's live window is
#       scored against gold = (UCI story of the row, replay). Exact and near
#       copies are left out (their text is another article's). The same
#       feed also goes through `concord ingest --threads 1` (the online
#       clusterer), whose stories are scored on the same live articles.
#
# Prints the scorer's JSON line (and the online clusterer's, for
# synthetic), the story count and the largest story. For `uci`, the online
# clusterer's scores on the same parts come from scripts/run_uci_clustering.sh.
# Env: CARGO_TARGET_DIR (release binary), BIN (another binary instead,
# e.g. an older build to compare), CLUSTER_ARGS (extra `concord
# cluster` flags), KEEP=1 keeps the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:?usage: score-cluster-uci.sh uci [first|second|whole] | synthetic N [EPOCH] [WINDOW]}"
target="${CARGO_TARGET_DIR:-target}"
bin="${BIN:-$target/release/concord}"
csv=tests/fixtures/uci/dev.csv
work="$(mktemp -d)"
[ -n "${BIN:-}" ] || cargo build --release -p concord-cli >/dev/null 2>&1
case "$mode" in
  uci)
    part="${2:-whole}"
    python3 - "$csv" "$part" "$work/feed.jsonl" "$work/ids.txt" <<'PY'
import csv, json, sys
from datetime import datetime, timezone
path, part, out_path, ids_path = sys.argv[1:]
with open(path, newline="", encoding="utf-8") as f:
    rows = sorted(csv.DictReader(f), key=lambda r: (int(r["TIMESTAMP"]), int(r["ID"])))
half = len(rows) // 2
rows = {"first": rows[:half], "second": rows[half:], "whole": rows}[part]
with open(out_path, "w", encoding="utf-8") as out, open(ids_path, "w") as ids:
    for r in rows:
        day = datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, tz=timezone.utc)
        title = r["TITLE"].strip()
        out.write(json.dumps({"id": r["ID"], "title": title, "text": title,
                              "published": day.strftime("%Y-%m-%dT%H:%M:%SZ"),
                              "outlet": r["PUBLISHER"], "url": r["URL"]}) + "\n")
        ids.write(r["ID"] + "\n")
PY
    n="$(wc -l <"$work/ids.txt")"
    epoch="$n"
    window=1
    gold="$csv"
    ;;
  synthetic)
    n="${2:-20000}"
    epoch="${3:-1000}"
    window="${4:-10}"
    python3 scripts/gen-uci-articles.py "$n" "$work/feed.jsonl" --csv "$csv"
    python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    print(json.loads(line)["id"])' "$work/feed.jsonl" >"$work/ids.txt"
    # Gold: the row's UCI story within its replay.
    python3 - "$csv" "$work/ids.txt" "$work/gold.json" <<'PY'
import csv, json, sys
csv_path, ids_path, gold_path = sys.argv[1:]
with open(csv_path, newline="", encoding="utf-8") as f:
    story = {r["ID"]: r["STORY"] for r in csv.DictReader(f)}
groups = {}
for line in open(ids_path):
    doc = line.strip()
    if doc.endswith(("-copy", "-near")):
        continue
    row, replay = doc[len("uci"):].split("-r")
    groups.setdefault(f"{story[row]}-r{replay}", []).append(doc)
json.dump({"stories": [{"id": k, "articles": v} for k, v in groups.items()]}, open(gold_path, "w"))
PY
    gold="$work/gold.json"
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
mkdir "$work/feed"
mv "$work/feed.jsonl" "$work/feed/"
"$bin" log append "$work/feed" --log "$work/log" 2>&1 | tail -n 1 >&2
# shellcheck disable=SC2086
"$bin" cluster --log "$work/log" --out "$work/out" --epoch-size "$epoch" --window "$window" \
  --no-claims ${CLUSTER_ARGS:-} 2>"$work/cluster.err" || { tail -n 5 "$work/cluster.err"; exit 1; }
python3 - "$work/out/epochs" "$work/ids.txt" "$work/pred.json" <<'PY'
import json, os, sys
epochs, ids_path, pred_path = sys.argv[1:]
ids = [line.strip() for line in open(ids_path)]
last = json.load(open(os.path.join(epochs, sorted(os.listdir(epochs))[-1])))
skip = lambda doc: doc.endswith(("-copy", "-near"))
stories = [{"id": ids[s["id"]], "articles": [ids[o] for o in s["articles"] if not skip(ids[o])]}
           for s in last["stories"]]
stories = [s for s in stories if s["articles"]]
json.dump({"stories": stories}, open(pred_path, "w"))
sizes = sorted(len(s["articles"]) for s in last["stories"])
print(f"epoch {last['epoch']}: {sum(sizes)} live articles, {len(sizes)} stories, largest {sizes[-1]}",
      file=sys.stderr)
PY
echo -n "dataflow: "
python3 scripts/score_clustering.py "$gold" "$work/pred.json" --json
if [ "$mode" = synthetic ]; then
  "$bin" ingest "$work/feed" --data "$work/store" --threads 1 >/dev/null 2>&1
  "$bin" stories --data "$work/store" --format json >"$work/online.json"
  python3 - "$work/online.json" "$work/pred.json" "$work/online-live.json" <<'PY'
import json, sys
online, pred, out = sys.argv[1:]
live = {a for s in json.load(open(pred))["stories"] for a in s["articles"]}
stories = [{"id": s["id"], "articles": [a for a in s["articles"] if a in live]}
           for s in json.load(open(online))["stories"]]
sizes = sorted(len(s["articles"]) for s in stories if s["articles"])
print(f"online: {len(sizes)} stories on the live articles, largest {sizes[-1]}", file=sys.stderr)
json.dump({"stories": [s for s in stories if s["articles"]]}, open(out, "w"))
PY
  echo -n "online: "
  python3 scripts/score_clustering.py "$gold" "$work/online-live.json" --json
fi
if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
