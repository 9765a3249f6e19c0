#!/usr/bin/env bash
# Build Concord (release) and brief the seed story, as JSON and Markdown, into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs" >&2; exit 2; }
cargo build --release --bin concord
mkdir -p out
./target/release/concord brief tests/fixtures/seed-story --format json --output out/seed-brief.json
./target/release/concord brief tests/fixtures/seed-story --format markdown --output out/seed-brief.md
echo "wrote out/seed-brief.json and out/seed-brief.md"
cat out/seed-brief.md
