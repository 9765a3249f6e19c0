#!/usr/bin/env bash
# Peak memory of `concord ingest` against input size: generate N articles
# (scripts/gen-uci-articles.py, seed 7), then pipe the feed through stdin
# once and COPIES times over (the repeats are skipped as URL duplicates, so
# the store ends the same and only the input grows), printing each run's
# input size, wall and CPU time and peak RSS. Streamed input keeps peak RSS
# flat; reading the whole input first would grow it by the feed's size
# (and stdin over 64 MiB was refused).
#
# Usage: scripts/bench-ingest-stream.sh [N] [COPIES] [THREADS]
# Env: CARGO_TARGET_DIR (where the release binary is built), CONCORD (a
# binary to run instead).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
copies="${2:-5}"
threads="${3:-1}"
target="${CARGO_TARGET_DIR:-target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "${CONCORD:-}" ]; then
  cargo build --release -p concord-cli >/dev/null 2>&1
  CONCORD="$target/release/concord"
fi
python3 scripts/gen-uci-articles.py "$n" "$work/feed.jsonl"
for k in 1 "$copies"; do
  rm -rf "$work/store"
  size=$(( $(stat -c %s "$work/feed.jsonl") * k / 1048576 ))
  echo "stdin: $k x the feed ($size MiB), threads=$threads, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for _ in $(seq "$k"); do cat "$work/feed.jsonl"; done |
    /usr/bin/time -f "TIME wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
      "$CONCORD" ingest - --data "$work/store" --threads "$threads" \
      >/dev/null 2>"$work/stderr.txt" || true
  grep '^concord: ingested' "$work/stderr.txt" || tail -n 3 "$work/stderr.txt"
  grep '^TIME' "$work/stderr.txt"
done
