#!/usr/bin/env bash
# Append and read throughput of the ingest log, embedded (redb) against
# PostgreSQL (the private cluster of scripts/setup-postgres.sh), on 50,000
# generated ~4 KB articles. Prints a Markdown table (BENCHMARKS.md, "Ingest
# log"). Usage: scripts/bench-log.sh [--docs N] [--batch N] [--pg URL]
set -euo pipefail
cd "$(dirname "$0")/.."
url="$(bash scripts/setup-postgres.sh)"
cargo run --quiet --release -p concord-log --example bench_log -- --pg "$url" "$@"
