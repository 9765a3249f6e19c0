#!/usr/bin/env bash
# Time `concord brief` (release build) on fixture stories: wall time over
# repeated runs and peak RSS. Usage: scripts/bench-brief.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
cargo build --release --bin concord >/dev/null 2>&1
bin=./target/release/concord
for input in tests/fixtures/seed-story "tests/fixtures/seed-story tests/fixtures/quake-story tests/fixtures/merger-story"; do
  # shellcheck disable=SC2086
  python3 - "$runs" "$bin" $input <<'PY'
import resource, subprocess, sys, time
runs, binary, inputs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run([binary, "brief", *inputs, "--format", "json"], check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
times.sort()
rss_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"brief {' '.join(i.split('/')[-1] for i in inputs)}: median {times[len(times)//2]*1000:.1f} ms, "
      f"min {times[0]*1000:.1f} ms, max {times[-1]*1000:.1f} ms over {runs} runs; peak RSS {rss_mib:.1f} MiB")
PY
done
