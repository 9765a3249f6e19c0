#!/usr/bin/env bash
# `concord cluster` throughput against workers, per-epoch latency, and the
# pre-dataflow baseline (`concord ingest --threads 1`) on the same articles.
#
# Generates N seeded JSON Lines articles (scripts/gen-uci-articles.py),
# appends them to a fresh embedded log, then times, each with
# /usr/bin/time (wall, user+sys CPU, peak RSS):
#   ingest-1        concord ingest --threads 1 into a fresh store
#   cluster-1       concord cluster, 1 worker thread, claims on
#   cluster-1-nocl  the same with --no-claims
#   cluster-2t      2 worker threads
#   cluster-2t-nocl 2 worker threads, --no-claims
#   cluster-4t      4 worker threads
#   cluster-2p      2 processes × 1 thread on loopback ports
# Every cluster run writes to a fresh output folder; the runs are checked to
# produce identical epoch files.
#
# Usage: scripts/bench-cluster.sh [N] [EPOCH_SIZE] [WINDOW]
#   (defaults 20000 1000 10)
# Env: CARGO_TARGET_DIR (where the release binary is built), KEEP=1,
#   RUNS="ingest-1 cluster-1-nocl …" (only these runs, in the order above;
#   default all), BIN (another binary instead of building, e.g. an older
#   build to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
epoch="${2:-1000}"
window="${3:-10}"
target="${CARGO_TARGET_DIR:-target}"
bin="${BIN:-$target/release/concord}"
runs="${RUNS:-ingest-1 cluster-1 cluster-1-nocl cluster-2t cluster-2t-nocl cluster-4t cluster-2p}"
work="$(mktemp -d)"
[ -n "${BIN:-}" ] || cargo build --release -p concord-cli >/dev/null 2>&1
python3 scripts/gen-uci-articles.py "$n" "$work/feed.jsonl"
mkdir "$work/feed"
split -d -a 4 -l 40000 --additional-suffix=.jsonl "$work/feed.jsonl" "$work/feed/part-"
rm "$work/feed.jsonl"
"$bin" log append "$work/feed" --log "$work/log" 2>&1 | tail -n 1
echo "N=$n epoch=$epoch window=$window cores $(nproc) load $(cut -d' ' -f1-3 /proc/loadavg)"

timed() { # name, command…
  local name="$1"; shift
  case " $runs " in *" $name "*) ;; *) return 0 ;; esac
  /usr/bin/time -f "TIME %e %U %S %M" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "$name failed:"; tail -n 5 "$work/$name.err"; return 1; }
  local line; line="$(grep '^TIME' "$work/$name.err")"
  python3 - "$name" "$n" "$line" "$(grep -h 'epoch latency' "$work/$name.err" | tail -n 1)" <<'PY'
import re, sys
name, n, line, summary = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
wall, user, sys_, rss = map(float, line.split()[1:])
cpu = user + sys_
lat = re.search(r"p50 ([\d.]+)s max ([\d.]+)s", summary)
lat = f"; epoch p50 {lat.group(1)}s max {lat.group(2)}s" if lat else ""
print(f"{name:15s} wall {wall:6.1f}s cpu {cpu:6.1f}s  {n / wall:7,.0f} art/s  "
      f"{n / cpu:7,.0f} art/s per CPU-core  RSS {rss / 1024:5,.0f} MiB{lat}")
PY
}

timed ingest-1 "$bin" ingest "$work/feed" --data "$work/store" --threads 1
common=(cluster --log "$work/log" --epoch-size "$epoch" --window "$window")
timed cluster-1 "$bin" "${common[@]}" --out "$work/out-1"
timed cluster-1-nocl "$bin" "${common[@]}" --out "$work/out-1-nocl" --no-claims
timed cluster-2t "$bin" "${common[@]}" --out "$work/out-2t" --threads 2
timed cluster-2t-nocl "$bin" "${common[@]}" --out "$work/out-2t-nocl" --threads 2 --no-claims
timed cluster-4t "$bin" "${common[@]}" --out "$work/out-4t" --threads 4
ports="$(python3 -c 'import socket
s=[socket.socket() for _ in range(2)]
[x.bind(("127.0.0.1",0)) for x in s]
print("\n".join("127.0.0.1:%d" % x.getsockname()[1] for x in s))')"
echo "$ports" >"$work/hosts"
case " $runs " in *" cluster-2p "*)
"$bin" "${common[@]}" --out "$work/out-2p" --processes 2 --process 1 --hostfile "$work/hosts" \
  >/dev/null 2>"$work/p1.err" & ;;
esac
timed cluster-2p "$bin" "${common[@]}" --out "$work/out-2p" --processes 2 --process 0 --hostfile "$work/hosts"
wait
same() { # reference folder, other folders…
  local ref="$1"; shift
  [ -d "$work/$ref" ] || return 0
  for d in "$@"; do
    [ -d "$work/$d" ] || continue
    diff -rq "$work/$ref/epochs" "$work/$d/epochs" >/dev/null && echo "$d: epochs identical to $ref" \
      || echo "$d: epochs DIFFER from $ref"
  done
}
same out-1 out-2t out-4t out-2p
same out-1-nocl out-2t-nocl
first="$(for d in out-1 out-1-nocl; do [ -d "$work/$d" ] && echo "$d"; done | head -n 1)"
[ -n "$first" ] || { [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; exit 0; }
python3 - "$work/$first/epochs" <<'PY'
import json, os, sys
d = sys.argv[1]
last = json.load(open(os.path.join(d, sorted(os.listdir(d))[-1])))
sizes = [len(s["articles"]) for s in last["stories"]]
print(f"last epoch: {sum(sizes)} live articles, {len(sizes)} stories "
      f"({sum(1 for s in sizes if s > 1)} with ≥2 articles, largest {max(sizes)}), "
      f"{len(last['duplicate_groups'])} duplicate groups, {len(last['claims'])} claims tables")
PY
if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
