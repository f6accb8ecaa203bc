#!/usr/bin/env bash
# rapkit against its peers on ../shared/bench's tasks T1-T3, in one run.
#
# usage: bench/run.sh RAPKIT_BINARY
#
# Generates the 1.4 million row file if missing (DATA, default /tmp/ss_1m4.csv),
# runs each task through `rapkit run` and through mawk (and DuckDB when
# @duckdb/node-api is installed in NODE_DIR: `../shared/bench/run_peers.sh
# install`), checks that the answers agree with compare_results.py, then
# times RUNS runs of each command and prints median wall time, ratio to mawk,
# and peak memory. Finally it times `rapkit run` of an empty script.
# Times are only comparable within one run: the machines are noisy.
set -euo pipefail

RAPKIT=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$(cd "$HERE/../../shared/bench" 2>/dev/null && pwd || true)}
[ -d "$SHARED" ] || { echo "bench: cannot find shared/bench (set SHARED)" >&2; exit 2; }
DATA=${DATA:-/tmp/ss_1m4.csv}
ROWS=${ROWS:-1400000}
RUNS=${RUNS:-5}
OUT=${OUT:-/tmp/rapkit_bench}
NODE_DIR=${NODE_DIR:-/tmp/bench_node}
POP=$SHARED/population.csv
P=$SHARED/peers

command -v mawk >/dev/null || { echo "bench: mawk is required (apt-get install mawk)" >&2; exit 2; }
[ -s "$DATA" ] || python3 "$SHARED/gen_stop_search.py" "$ROWS" "$DATA"
rm -rf "$OUT" && mkdir -p "$OUT/results" "$OUT/rapkit_out" "$OUT/rapkit_out_kind"

have_duckdb=0
if [ -d "$NODE_DIR/node_modules/@duckdb/node-api" ] && command -v node >/dev/null; then
  have_duckdb=1
  export NODE_PATH=$NODE_DIR/node_modules
fi

rapkit_cmd() { # task [suffix: _kind loads through the stop_search kind]
  local suffix=${2:-}
  echo "$RAPKIT" run "$HERE/tasks/t$1$suffix.lua" --data "searches=$DATA" --data "population=$POP" --out "$OUT/rapkit_out$suffix"
}
mawk_cmd() { # task outfile
  if [ "$1" = 3 ]; then echo mawk -v "out=$2" -f "$P/awk_csv.awk" -f "$P/awk_t3.awk" "$POP" "$DATA"
  else echo mawk -v "out=$2" -f "$P/awk_csv.awk" -f "$P/awk_t$1.awk" "$DATA"; fi
}
duckdb_cmd() { # task outfile
  if [ "$1" = 3 ]; then echo node "$P/duckdb_run.cjs" "$P/duckdb_t3.sql" "$DATA" "$2" "$POP"
  else echo node "$P/duckdb_run.cjs" "$P/duckdb_t$1.sql" "$DATA" "$2"; fi
}

# One timed run: prints "wall_seconds peak_kib".
time_once() {
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || {
    cat "$OUT/stderr.txt" >&2; return 1; }
  cat "$OUT/time.txt"
}

# Median wall time and max peak memory over RUNS runs (after one warm-up).
measure() {
  time_once "$@" >/dev/null
  local walls=() mems=()
  for _ in $(seq "$RUNS"); do
    read -r w m < <(time_once "$@")
    walls+=("$w"); mems+=("$m")
  done
  local median; median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  local peak; peak=$(printf '%s\n' "${mems[@]}" | sort -n | tail -1)
  echo "$median $peak"
}

echo "== checking answers"
for t in 1 2 3; do
  $(rapkit_cmd $t)
  cp "$OUT/rapkit_out/rapkit_t$t.csv" "$OUT/results/rapkit_t$t.csv"
  mkdir -p "$OUT/rapkit_out_kind"
  $(rapkit_cmd $t _kind)
  cp "$OUT/rapkit_out_kind/rapkit_t$t.csv" "$OUT/results/rapkitkind_t$t.csv"
  $(mawk_cmd $t "$OUT/results/mawk_t$t.csv")
  [ $have_duckdb = 1 ] && $(duckdb_cmd $t "$OUT/results/duckdb_t$t.csv")
done
python3 "$SHARED/compare_results.py" "$OUT/results"

echo
echo "== timing: median of $RUNS runs, file warm in the page cache"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "file: $DATA, $(wc -c < "$DATA") bytes"
printf '%-5s %-8s %10s %10s %12s\n' task tool "wall s" "x mawk" "peak MiB"
for t in 1 2 3; do
  read -r mw mm < <(measure $(mawk_cmd $t "$OUT/mawk.csv"))
  read -r rw rm < <(measure $(rapkit_cmd $t))
  printf '%-5s %-8s %10s %10s %12s\n' "T$t" mawk "$mw" 1.00 "$((mm / 1024))"
  printf '%-5s %-8s %10s %10s %12s\n' "T$t" rapkit "$rw" "$(awk -v a="$rw" -v b="$mw" 'BEGIN {printf "%.2f", a / b}')" "$((rm / 1024))"
  read -r kw km < <(measure $(rapkit_cmd $t _kind))
  printf '%-5s %-8s %10s %10s %12s\n' "T$t" "rk kind" "$kw" "$(awk -v a="$kw" -v b="$mw" 'BEGIN {printf "%.2f", a / b}')" "$((km / 1024))"
  if [ $have_duckdb = 1 ]; then
    read -r dw dm < <(measure $(duckdb_cmd $t "$OUT/duckdb.csv"))
    printf '%-5s %-8s %10s %10s %12s\n' "T$t" duckdb "$dw" "$(awk -v a="$dw" -v b="$mw" 'BEGIN {printf "%.2f", a / b}')" "$((dm / 1024))"
  fi
done

echo
echo "== rapkit run of an empty script"
: > "$OUT/empty.lua"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 50 "$RAPKIT run $OUT/empty.lua --out $OUT/rapkit_out" 2>&1 | grep -E "Time|Range"
else
  start=$(date +%s%N)
  for _ in $(seq 100); do "$RAPKIT" run "$OUT/empty.lua" --out "$OUT/rapkit_out"; done
  echo "mean $(( ($(date +%s%N) - start) / 100000 )) us per run"
fi
