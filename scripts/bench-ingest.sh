#!/usr/bin/env bash
# End-to-end `concord ingest` throughput: generate N synthetic JSON Lines
# articles (seeded; ~120 words in 4 paragraphs each), ingest them into a fresh
# store, and print wall time, articles/s, peak RSS and store size.
# Usage: scripts/bench-ingest.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5000}"
work="$(mktemp -d)"
cargo build --release --bin concord >/dev/null 2>&1
python3 - "$n" "$work/feed.jsonl" <<'PY'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
words = ("harbour council budget river storm school bridge election festival factory hospital airport "
         "railway market forest museum stadium court police farm minister protest strike flood fire "
         "trial vote deal tariff").split()
with open(path, "w") as f:
    for i in range(n):
        w = [random.choice(words) for _ in range(120)]
        paras = [" ".join(w[k:k + 30]).capitalize() + "." for k in range(0, 120, 30)]
        f.write(json.dumps({"id": f"a{i}", "title": f"Town{i} {w[0]} {w[1]} news",
                            "text": "\n\n".join(paras), "published": "2025-01-%02d" % (1 + i % 28)}) + "\n")
PY
/usr/bin/time -f "peak RSS %M KiB, wall %e s" ./target/release/concord ingest "$work/feed.jsonl" --data "$work/store" >/dev/null
du -sh "$work/store" | awk '{print "store on disk " $1}'
rm -rf "$work"
