#!/usr/bin/env bash
# Story clustering on the UCI News Aggregator sample (tests/fixtures/uci/):
#   1. tunes the online clusterer's headline thresholds on the FIRST half of
#      the stream (in time) by BCubed F1, and the batch clusterer's
#      threshold the same way;
#   2. scores the tuned and the default configurations, the batch
#      clusterer and trivial baselines on the first half, the held-out
#      second half and the whole stream (BCubed and pairwise P/R/F1);
#   3. measures order robustness: arrival order shuffled within 30-minute
#      windows, scored against the unshuffled run and against the gold;
#   4. times OnlineClusterer::add on a synthetic stream (BENCH_ARTICLES,
#      default 1,000,000; BENCH_ARTICLES=0 skips it).
# Usage: scripts/run_uci_clustering.sh   (OUT=dir keeps the JSON outputs)
set -euo pipefail
cd "$(dirname "$0")/.."
CSV=tests/fixtures/uci/dev.csv
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
BENCH_ARTICLES=${BENCH_ARTICLES:-1000000}
cargo build --release -p concord-eval-cluster
BIN=target/release/eval-cluster

f1_of() { # score file → BCubed F1
    python3 scripts/score_clustering.py "$CSV" "$1" --json |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["bcubed_f1"])'
}

row() { # label, prediction file
    python3 scripts/score_clustering.py "$CSV" "$2" --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (sys.argv[1],
    s["predicted_stories"], s["bcubed_precision"], s["bcubed_recall"], s["bcubed_f1"],
    s["pairwise_precision"], s["pairwise_recall"], s["pairwise_f1"]))' "$1"
}

echo "## 1. Tuning on the first half (BCubed F1)"
best=""
best_f1=-1
for shared in 1 2 3; do
    for ms in 0.04 0.06 0.08 0.10 0.12 0.14 0.16 0.18 0.20; do
        for mg in 0.10 0.15 0.20 0.25 0.30; do
            args="--min-shared-terms $shared --min-similarity-headline $ms --merge-similarity $mg"
            # shellcheck disable=SC2086
            $BIN run --part first $args --output "$OUT/grid.json"
            f1=$(f1_of "$OUT/grid.json")
            echo "online $args: $f1" >>"$OUT/grid.txt"
            # Strictly greater: the first best in grid order wins ties.
            if python3 -c "import sys; sys.exit(0 if $f1 > $best_f1 else 1)"; then
                best_f1=$f1
                best=$args
            fi
        done
    done
done
echo "online: best on first half: $best (BCubed F1 $best_f1); full grid in $OUT/grid.txt"
batch_best=""
batch_f1=-1
for bs in 0.01 0.02 0.03 0.04 0.06 0.08 0.10 0.15; do
    $BIN run --part first --method batch --batch-min-similarity "$bs" --output "$OUT/grid.json"
    f1=$(f1_of "$OUT/grid.json")
    echo "batch --batch-min-similarity $bs: $f1" >>"$OUT/grid.txt"
    if python3 -c "import sys; sys.exit(0 if $f1 > $batch_f1 else 1)"; then
        batch_f1=$f1
        batch_best=$bs
    fi
done
echo "batch: best on first half: min_similarity $batch_best (BCubed F1 $batch_f1)"

for part in first second all; do
    echo
    echo "## 2. Part: $part"
    echo
    echo "| method | stories | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    # shellcheck disable=SC2086
    $BIN run --part "$part" $best --output "$OUT/online-tuned-$part.json"
    row "online, tuned on first half ($best)" "$OUT/online-tuned-$part.json"
    $BIN run --part "$part" --output "$OUT/online-default-$part.json"
    row "online, OnlineConfig::default()" "$OUT/online-default-$part.json"
    $BIN run --part "$part" --method batch --batch-min-similarity "$batch_best" \
        --output "$OUT/batch-tuned-$part.json"
    row "batch average link, tuned on first half ($batch_best)" "$OUT/batch-tuned-$part.json"
    $BIN run --part "$part" --method batch --output "$OUT/batch-default-$part.json"
    row "batch average link, ClusterConfig::default()" "$OUT/batch-default-$part.json"
    for m in exact-title singletons one-cluster; do
        $BIN run --part "$part" --method "$m" --output "$OUT/$m-$part.json"
        row "$m" "$OUT/$m-$part.json"
    done
done

echo
echo "## 3. Order robustness (default config, whole stream, 30-minute windows)"
echo
echo "| seed | B3 F1 vs unshuffled | B3 F1 vs gold | pair F1 vs gold |"
echo "|---:|---:|---:|---:|"
for seed in 1 2 3 4 5; do
    $BIN run --shuffle-minutes 30 --seed "$seed" --output "$OUT/shuffled-$seed.json"
    python3 - "$OUT/online-default-all.json" "$OUT/shuffled-$seed.json" "$seed" "$CSV" <<'EOF'
import json, subprocess, sys
base, shuffled, seed, csv = sys.argv[1:]
score = lambda gold: json.loads(subprocess.check_output(
    ["python3", "scripts/score_clustering.py", gold, shuffled, "--json"]))
vs_base, vs_gold = score(base), score(csv)
print("| %s | %.3f | %.3f | %.3f |" % (seed, vs_base["bcubed_f1"], vs_gold["bcubed_f1"],
                                       vs_gold["pairwise_f1"]))
EOF
done

if [ "$BENCH_ARTICLES" -gt 0 ]; then
    echo
    echo "## 4. Latency of add (synthetic stream, $BENCH_ARTICLES articles)"
    $BIN bench --articles "$BENCH_ARTICLES" | tee "$OUT/bench.json"
fi
echo
echo "outputs in $OUT"
