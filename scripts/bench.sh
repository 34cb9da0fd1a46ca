#!/usr/bin/env bash
# The project's benchmark: generates synthetic ledgers of growing size with
# examples/gen_ledger.rs and times `taizhang check` on each, with peak memory.
# Usage: scripts/bench.sh [MEMBERS...]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)

cargo build --release --quiet --bin taizhang --example gen_ledger
mkdir -p target/bench
printf '%10s %12s %10s %10s %12s\n' members "ledger(MB)" rows "time(s)" "peak RSS(MB)"
for n in "${sizes[@]}"; do
  dir="target/bench/m$n"
  [ -d "$dir" ] || ./target/release/examples/gen_ledger "$dir" "$n"
  size=$(du -sm "$dir" | cut -f1)
  rows=$(find "$dir" -name '*.csv' -exec cat {} + | wc -l)
  # Exit 1 (violations found) is the expected outcome on synthetic data.
  /usr/bin/time -f '%e %M' -o target/bench/time.txt \
    ./target/release/taizhang check "$dir" --year 2025 --as-of 2025-12-31 --format json >/dev/null || [ $? -eq 1 ]
  read -r seconds kib < <(tail -n 1 target/bench/time.txt)
  printf '%10s %12s %10s %10s %12s\n' "$n" "$size" "$rows" "$seconds" "$((kib / 1024))"
done
