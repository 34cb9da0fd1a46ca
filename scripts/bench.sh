#!/usr/bin/env bash
# The project's benchmark (docs/performance.md): generates synthetic ledgers
# of growing size with examples/gen_ledger.rs (cached), and on each times
#   - taizhang check DIR --as-of 2025-12-31 --format json       (every rule)
#   - the same with --rule EDU01 --rule EDU02 --rule SRV04 --rule MOB04
#   - those four rules as DuckDB SQL (scripts/bench/quotas.sql), startup included,
# with peak resident memory, and asserts that taizhang and DuckDB find the
# same shortfalls (scripts/bench/compare.py).
#
# Usage: scripts/bench.sh [MEMBERS...]        (default: 20000 200000 2000000)
# Environment:
#   CARGO_TARGET_DIR  where cargo builds (default: target)
#   BENCH_DIR         ledgers, outputs, the DuckDB venv (default: target/bench)
#   BENCH_RUNS        runs of each command; the fastest is reported (default: 1)
# DuckDB comes from PyPI, into a virtual environment under BENCH_DIR; no test
# needs it. Exits 1 when taizhang and DuckDB disagree.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000 200000 2000000)
target=${CARGO_TARGET_DIR:-target}
bench=${BENCH_DIR:-target/bench}
runs=${BENCH_RUNS:-1}
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: not a number of members: $n" >&2; exit 2; }
done

[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time as /usr/bin/time (apt-get install time)" >&2; exit 2; }

cargo build --release --locked --quiet --bin taizhang --example gen_ledger
taizhang=$target/release/taizhang
gen=$target/release/examples/gen_ledger
mkdir -p "$bench"

load=$(cut -d' ' -f1-3 /proc/loadavg)
venv=$bench/venv
if ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  echo "bench.sh: installing DuckDB into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" ||
    { echo "bench.sh: cannot make a Python virtual environment (apt-get install python3-venv)" >&2; exit 2; }
  "$venv/bin/pip" install --quiet --disable-pip-version-check duckdb
fi
python=$venv/bin/python
duckdb_version=$("$python" -c 'import duckdb; print(duckdb.__version__)')

# Runs a command BENCH_RUNS times with its stdout to $1; sets `seconds` (the
# fastest run) and `rss_mb` (that run's peak RSS). Status 0 is success, and
# so is 1 for taizhang (violations found: the expected outcome here).
measure() {
  local out=$1 status
  shift
  seconds='' rss_mb=''
  for ((run = 0; run < runs; run++)); do
    status=0
    /usr/bin/time -f '%e %M' -o "$bench/time.txt" "$@" >"$out" || status=$?
    if [ "$status" -gt 1 ] || { [ "$status" -eq 1 ] && [ "$1" != "$taizhang" ]; }; then
      echo "bench.sh: exit status $status from: $*" >&2
      tail -n 5 "$bench/time.txt" >&2
      exit 1
    fi
    local s kib
    read -r s kib < <(tail -n 1 "$bench/time.txt")
    if [ -z "$seconds" ] || awk -v a="$s" -v b="$seconds" 'BEGIN { exit !(a < b) }'; then
      seconds=$s rss_mb=$((kib / 1024))
    fi
  done
}

# 1234567 as 1,234,567.
group() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

# The generator's source: a cached ledger made by another version is remade.
source_id=$(sha256sum examples/gen_ledger.rs | cut -c1-16)
results=$bench/results.md
disagreements=0
row_format='| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n'
{
  printf '| members | ledger (MB) | rows | full check (s) | MB/s | peak RSS (MB) | 4 rules (s) | DuckDB (s) | DuckDB ÷ 4 rules | DuckDB RSS (MB) |\n'
  printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
} >"$results"
printf '%10s %10s %11s %9s %7s %9s %9s %9s %8s %10s\n' \
  members "ledger MB" rows "check s" "MB/s" "RSS MB" "4rules s" "DuckDB s" ratio "DuckDB MB"

for n in "${sizes[@]}"; do
  dir=$bench/ledger-$n
  if [ "$(cat "$dir.source" 2>/dev/null)" != "$source_id" ]; then
    rm -rf "$dir" "$dir.tmp" "$dir.source"
    "$gen" "$dir.tmp" "$n" 2>"$dir.log"
    mv "$dir.tmp" "$dir"
    echo "$source_id" >"$dir.source"
    # The kernel would otherwise still be writing the new ledger out to disk
    # during the first timed runs (a 2,000,000-member check took 9.3 s
    # instead of 5.0-6.3 s).
    sync
  fi
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  files=$(find "$dir" -name '*.csv' | wc -l)
  # Reading every file also warms the page cache for the first timed run.
  lines=$(find "$dir" -name '*.csv' -print0 | xargs -0 cat | wc -l)
  rows=$((lines - files))

  measure "$bench/out-$n.full.json" \
    "$taizhang" check "$dir" --as-of 2025-12-31 --format json
  full_s=$seconds full_rss=$rss_mb
  grep -q '"diagnostics": \[\]' "$bench/out-$n.full.json" ||
    echo "bench.sh: taizhang reports input diagnostics on $dir (see $bench/out-$n.full.json)" >&2

  measure "$bench/out-$n.rules.json" \
    "$taizhang" check "$dir" --as-of 2025-12-31 --format json \
    --rule EDU01 --rule EDU02 --rule SRV04 --rule MOB04
  rules_s=$seconds

  measure "$bench/out-$n.duckdb.log" \
    "$python" scripts/bench/duckdb_quotas.py "$dir" "$bench/out-$n.duckdb.csv"
  duck_s=$seconds duck_rss=$rss_mb

  if ! "$python" scripts/bench/compare.py "$bench/out-$n.rules.json" "$bench/out-$n.duckdb.csv" \
    >"$bench/out-$n.compare.txt" 2>&1; then
    disagreements=$((disagreements + 1))
    echo "bench.sh: taizhang and DuckDB disagree on $dir:" >&2
    head -n 31 "$bench/out-$n.compare.txt" >&2
  fi

  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')
  rate=$(awk -v b="$bytes" -v s="$full_s" 'BEGIN { printf "%.0f", b / 1e6 / (s > 0 ? s : 0.01) }')
  ratio=$(awk -v d="$duck_s" -v t="$rules_s" 'BEGIN { printf "%.2f", d / (t > 0 ? t : 0.01) }')
  printf '%10s %10s %11s %9s %7s %9s %9s %9s %8s %10s\n' \
    "$n" "$mb" "$rows" "$full_s" "$rate" "$full_rss" "$rules_s" "$duck_s" "$ratio" "$duck_rss"
  # shellcheck disable=SC2059
  printf "$row_format" "$(group "$n")" "$(group "$mb")" "$(group "$rows")" "$full_s" "$rate" \
    "$(group "$full_rss")" "$rules_s" "$duck_s" "$ratio" "$(group "$duck_rss")" >>"$results"
  sed 's/^/    /' "$bench/out-$n.compare.txt"
done

{
  echo
  cpu=$(lscpu | awk -F: '/^Model name/ { m = $2 } /^CPU family/ { f = $2 } /^Model:/ { n = $2 }
    END { gsub(/^ +/, "", m); gsub(/ /, "", f); gsub(/ /, "", n); printf "%s (family %s, model %s)", m, f, n }')
  echo "Machine: $(nproc) cores, $cpu, $(free -g | awk '/^Mem:/ { print $2 }') GiB;" \
    "load average $load at the start; taizhang $(git describe --always --dirty 2>/dev/null || echo '?')," \
    "DuckDB $duckdb_version (Python); $(date -u +%Y-%m-%d)."
  echo "Command: scripts/bench.sh ${sizes[*]} (BENCH_RUNS=$runs)"
} >>"$results"
echo "table: $results" >&2
[ "$disagreements" -eq 0 ]
