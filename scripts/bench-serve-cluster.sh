#!/usr/bin/env bash
# `concord serve --log … --cluster OUT` against `concord serve --data`: how
# long the server takes to load an epoch (cold start, then a newer epoch
# while it runs), its memory, and the first and cached brief of the
# biggest story.
#
# Generates N seeded JSON Lines articles (scripts/gen-uci-articles.py),
# appends them with `concord ingest --log` (timed), runs `concord cluster
# --no-claims` for all epochs but the last, starts the server (the
# "loaded in" of its serving line is the cold load of the live window),
# runs the last epoch and reads the server's "showing epoch" line (the
# reload: only the new articles are read and cleaned). Then the biggest
# story's brief: first request (computed) and the median of 20 repeats
# (cached). The same for `concord ingest --data` + `concord serve --data`.
#
# Usage: scripts/bench-serve-cluster.sh [N] [EPOCH_SIZE] [WINDOW]
#   (defaults 20000 1000 10)
# Env: CARGO_TARGET_DIR (where the release binary is built), KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
epoch="${2:-1000}"
window="${3:-10}"
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/concord"
work="$(mktemp -d)"
cargo build --release -p concord-cli >/dev/null 2>&1
python3 scripts/gen-uci-articles.py "$n" "$work/feed.jsonl"
echo "N=$n epoch=$epoch window=$window cores $(nproc) load $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/time -f "ingest --log: wall %es, peak RSS %MKiB" \
  "$bin" ingest "$work/feed.jsonl" --log "$work/log" 2>&1 | tail -n 2
"$bin" cluster --log "$work/log" --out "$work/out" --epoch-size "$epoch" \
  --window "$window" --no-claims --max-epochs $((n / epoch - 1)) 2>&1 | tail -n 1

server_pid=""
stop() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
trap 'stop; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

start() { # log file, serve args…
  local log="$1"; shift
  "$bin" serve --addr 127.0.0.1:0 "$@" 2>"$log" &
  server_pid=$!
  for _ in $(seq 600); do grep -q "serving http://" "$log" && break; sleep 0.1; done
  grep "serving http://" "$log"
  addr="$(grep -o 'serving http://[^ ]*' "$log" | head -n 1 | sed 's|serving http://||')"
}

rss() { echo "server RSS $(( $(ps -o rss= -p "$server_pid") / 1024 )) MiB"; }

brief_times() { # label
  local id
  id="$(curl -s "http://$addr/api/stories?limit=500&offset=0" | python3 -c '
import json, sys
s = json.load(sys.stdin)["stories"]
# Past the 100 newest (briefed ahead at start and after an epoch), so the
# first request computes the brief.
s = s[200:] or s
print(max(s, key=lambda x: len(x["articles"]))["id"])')"
  local size
  size="$(curl -s "http://$addr/api/stories/$id/brief" -o /dev/null -w '%{time_total}')"
  local cached
  cached="$(for _ in $(seq 20); do curl -s "http://$addr/api/stories/$id/brief" -o /dev/null -w '%{time_total}\n'; done | sort -n | sed -n 10p)"
  local count
  count="$(curl -s "http://$addr/api/stories/$id/brief" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["stories"][0]["articles"]))')"
  echo "$1: biggest story past the first 200 of the list, $id ($count articles): first brief ${size}s, cached median of 20 ${cached}s"
}

start "$work/serve-cluster.err" --log "$work/log" --cluster "$work/out"
rss
"$bin" cluster --log "$work/log" --out "$work/out" --epoch-size "$epoch" \
  --window "$window" --no-claims 2>&1 | tail -n 1
for _ in $(seq 600); do grep -q "showing epoch" "$work/serve-cluster.err" && break; sleep 0.1; done
grep "showing epoch" "$work/serve-cluster.err"
sleep 2
rss
brief_times "cluster"
stop

/usr/bin/time -f "ingest --data: wall %es, peak RSS %MKiB" \
  "$bin" ingest "$work/feed.jsonl" --data "$work/store" >/dev/null 2>"$work/ingest.err"
tail -n 1 "$work/ingest.err"
start "$work/serve-store.err" --data "$work/store"
sleep 2
rss
brief_times "store"
stop
