#!/usr/bin/env bash
# Fuzzes the ledger loaders for a bounded time: ./fuzz/run.sh [SECONDS]
#
# libFuzzer through libfuzzer-sys, built by plain cargo with stable codegen
# flags for SanitizerCoverage: cargo-fuzz itself asks for nightly (-Z
# sanitizer flags), and this machine has only the stable toolchain. The
# coverage instrumentation is the same; only AddressSanitizer is missing,
# which safe Rust does not need. The C++ part of libFuzzer builds with the
# machine's g++.
#
# Seeds are fuzz/seeds/ (committed); what the fuzzer learns goes to
# fuzz/corpus/ (not committed). An input that crashes or hangs is copied to
# tests/fixtures/fuzz-regressions/, which the test suite replays: commit it
# with the fix.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-45}"

export RUSTFLAGS="-Cpasses=sancov-module \
  -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
  -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares \
  --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# An explicit --target keeps the flags off build scripts and proc macros,
# which are not linked with libFuzzer.
target="$(rustc -vV | sed -n 's/^host: //p')"
cargo build --locked --release --quiet --bin ledger --target "$target"

mkdir -p corpus artifacts
status=0
"./target/$target/release/ledger" corpus seeds \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix=artifacts/ -print_final_stats=1 2> fuzz.log || status=$?
tail -n 20 fuzz.log
if [ "$status" -ne 0 ]; then
  mkdir -p ../tests/fixtures/fuzz-regressions
  for found in artifacts/*; do
    [ -e "$found" ] || continue
    cp "$found" "../tests/fixtures/fuzz-regressions/$(basename "$found")"
    echo "fuzz: $found kept as tests/fixtures/fuzz-regressions/$(basename "$found")" >&2
  done
  echo "fuzz: the fuzzer found a crash or hang (exit $status); see fuzz/fuzz.log" >&2
  exit 1
fi
