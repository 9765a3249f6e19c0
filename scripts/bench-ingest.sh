#!/usr/bin/env bash
# End-to-end `concord ingest` benchmark on articles with real text shapes:
# generate N seeded JSON Lines articles from the UCI News Aggregator sample
# (scripts/gen-uci-articles.py says how), ingest them into a fresh store,
# and print wall and CPU time, articles/s, articles/s per core of CPU time,
# time per stage, peak RSS and store size.
#
# Usage: scripts/bench-ingest.sh [N] [THREADS]
#   N        articles to generate (default 5000)
#   THREADS  `concord ingest --threads` (default 0: one per core)
# Env: CARGO_TARGET_DIR (where the release binary is built), KEEP=1 keeps
# the generated feed and store in the printed work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-5000}"
threads="${2:-0}"
target="${CARGO_TARGET_DIR:-target}"
work="$(mktemp -d)"
cargo build --release -p concord-cli >/dev/null 2>&1
python3 scripts/gen-uci-articles.py "$n" "$work/feed.jsonl"
# Inputs are capped at 64 MiB a file: shards of 40,000 articles (about
# 37 MiB), read back in name order.
mkdir "$work/feed"
split -d -a 4 -l 40000 --additional-suffix=.jsonl "$work/feed.jsonl" "$work/feed/part-"
echo "feed $(du -sh "$work/feed" | cut -f1), threads=$threads, cores $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
rm "$work/feed.jsonl"
/usr/bin/time -f "TIME wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
  "$target/release/concord" ingest "$work/feed" --data "$work/store" --threads "$threads" \
  >"$work/commits.jsonl" 2>"$work/stderr.txt" || true
grep -v '^TIME' "$work/stderr.txt" | tail -n 4
line="$(grep '^TIME' "$work/stderr.txt")"
echo "$line"
python3 - "$n" "$line" <<'PY'
import re, sys
n = int(sys.argv[1])
wall, user, sys_, rss = map(float, re.findall(r"([\d.]+) (?:s|KiB)", sys.argv[2]))
cpu = user + sys_
print(f"{n / wall:,.0f} articles/s wall; {n / cpu:,.0f} articles/s per core of CPU time "
      f"(user+sys {cpu:.1f} s, {cpu / wall:.2f} cores busy on average); peak RSS {rss / 1024:,.0f} MiB")
PY
du -sh "$work/store" | awk '{print "store on disk " $1}'
if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
