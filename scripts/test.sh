#!/usr/bin/env bash
# The whole test suite: every crate's unit, property and end-to-end tests,
# then the seed-story scorer (the same 50 checks the brief is held to) on a
# fresh release build of `concord brief`. Installs Chromium first for the
# web UI's browser tests, and starts a private PostgreSQL cluster for the
# shared ingest log's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# The web UI's tests drive a real headless Chromium (Debian's package).
bash scripts/setup-browser.sh
# The PostgreSQL log's tests (crates/log) connect to this URL; without it
# they print a skip line, so the suite never silently runs without them.
CONCORD_TEST_PG="$(bash scripts/setup-postgres.sh)"
export CONCORD_TEST_PG
# The same cluster with ssl on, for the log's TLS tests (verify-full against
# a throwaway CA); plain connections keep working.
CONCORD_TEST_PG_TLS="$(bash scripts/setup-postgres.sh tls)"
export CONCORD_TEST_PG_TLS
cargo test --workspace
cargo build --release --bin concord
out="$(mktemp -d)"
./target/release/concord brief tests/fixtures/seed-story --format json --output "$out/brief.json"
python3 scripts/score_seed_story.py tests/fixtures/seed-story/gold.json "$out/brief.json"
