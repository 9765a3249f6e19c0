#!/usr/bin/env bash
# Load run of `concord serve` on loopback with wrk: the story list and the
# page of a story of ~100 articles, 64 connections, bounded in time.
# Builds a store of the seed story repeated as 100 reworded copies (one
# story) plus N filler articles in other stories, then prints wrk's
# requests/s, latency percentiles and error counts for each page.
# Usage: scripts/bench-serve.sh [SECONDS] [FILLER]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
filler="${2:-2000}"
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --bin concord >/dev/null 2>&1
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 - "$work/feed.jsonl" "$filler" tests/fixtures/seed-story <<'PY'
import json, os, random, sys
path, filler, seed_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(11)
seed = []
for name in sorted(os.listdir(seed_dir)):
    if name.endswith(".txt"):
        lines = open(os.path.join(seed_dir, name), encoding="utf-8").read().split("\n")
        title = lines[0].strip()
        body = "\n".join(lines[1:]).strip()
        seed.append((name, title, body))
outlets = ["Daily %s" % w for w in "Star Mail Post Herald Times Globe Courier Ledger Tribune Sentinel".split()]
words = ("harbour council budget river storm school bridge election festival factory hospital airport "
         "railway market forest museum stadium court police farm minister protest strike flood fire "
         "trial vote deal tariff").split()
with open(path, "w") as f:
    for i in range(100):
        name, title, body = seed[i % len(seed)]
        # A reworded copy: another outlet and a closing line of its own, so
        # it is a new article (not a duplicate) of the same story.
        f.write(json.dumps({"id": f"copy-{i:03d}-{name}", "title": title,
                            "outlet": outlets[i % len(outlets)] + f" {i}",
                            "published": "2025-01-%02d" % (14 + i % 3),
                            "text": body + f"\n\nThis report was filed by correspondent number {i} for the {outlets[i % len(outlets)]} desk."}) + "\n")
    # Filler: stories of 10 articles, each story with its own vocabulary of
    # made-up words, so they stay separate stories.
    syll = "ka lo mi ne ru ta vo si pe du ga ri zo fe ha".split()
    for k in range(filler // 10):
        vocab = ["".join(random.choice(syll) for _ in range(3)) for _ in range(40)]
        for j in range(10):
            i = k * 10 + j
            w = [random.choice(vocab if random.random() < 0.7 else words) for _ in range(120)]
            paras = [" ".join(w[p:p + 30]).capitalize() + "." for p in range(0, 120, 30)]
            f.write(json.dumps({"id": f"f{i}", "title": f"{vocab[0].capitalize()} {vocab[1]} {w[0]} news {i}",
                                "outlet": random.choice(outlets), "text": "\n\n".join(paras),
                                "published": "2025-01-%02d" % (1 + k % 28)}) + "\n")
PY
./target/release/concord ingest "$work/feed.jsonl" --data "$work/store" >/dev/null 2>"$work/ingest.log" || { cat "$work/ingest.log"; exit 1; }
tail -1 "$work/ingest.log"
./target/release/concord serve --data "$work/store" --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do grep -qs "serving http://" "$work/serve.log" && break; sleep 0.2; done
addr=$(grep -o "serving http://[0-9.:]*" "$work/serve.log" | sed 's|serving http://||')
# The story of the 100 reworded seed copies.
first=$(head -1 "$work/feed.jsonl" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
story_id=$(curl -s "http://$addr/api/articles/$first" | python3 -c "import json,sys; print(json.load(sys.stdin)['story'])")
# The server briefs stories in the background after start (the newest
# 100) and after each write; a request that comes first computes the brief
# itself. This story is not among the newest, so its first request is cold.
cold=$(curl -s -o "$work/brief.json" -w "%{time_total}" "http://$addr/api/stories/$story_id/brief")
story_size=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['stories'][0]['articles']))" "$work/brief.json")
echo "seed-copies story: $story_id with $story_size articles; $(curl -s "http://$addr/api/health")"
echo "first (cold) request of its brief: ${cold}s; later requests are served from the cache"
curl -s -o /dev/null "http://$addr/"
for page in "/" "/stories/$story_id" "/api/stories/$story_id/brief"; do
  echo "== GET $page  (64 connections, 2 threads, ${secs}s)"
  wrk -t2 -c64 -d"${secs}s" --latency "http://$addr$page" | grep -E "Requests/sec|Transfer|50%|90%|99%|Non-2xx|Socket errors|requests in"
done
ps -o rss= -p "$server" | awk '{printf "server RSS after the run: %.0f MiB\n", $1/1024}'
