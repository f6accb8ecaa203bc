#!/usr/bin/env bash
# The chart benchmark: a chart of 12 bars must render in under 50 ms.
#
# usage: bench/charts.sh BUILD_DIR        (make bench-charts)
#
# 1. BUILD_DIR/bench/chart_bench RUNS: rk_chart_bar_save in one process, PNG,
#    SVG and PDF, median of RUNS saves each (the first save, which loads the
#    fonts, shown apart). Exits non-zero if a median is 50 ms or more.
# 2. With hyperfine: a whole `rapkit run` of bench/tasks/chart12.lua (the
#    same chart as a PNG with its alt text and tables) against gnuplot
#    drawing the same 12 bars to a PNG of the same size
#    (bench/tasks/chart12.gp), process start and font loading included.
# Prints the machine and its load average first: times are only comparable
# within one run.
set -euo pipefail
build=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-31}
out=$(mktemp -d "${TMPDIR:-/tmp}/rapkit-bench-charts-XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
status=0
"$build/bench/chart_bench" "$RUNS" || status=$?

echo
if command -v hyperfine >/dev/null && command -v gnuplot >/dev/null; then
  echo "== one process per chart, PNG (hyperfine, median of 30 runs after 3 warm-up runs)"
  hyperfine -N --warmup 3 --runs 30 --export-json "$out/runs.json" \
    -n "rapkit run chart12.lua" "$build/cli/rapkit run $here/tasks/chart12.lua --out $out" \
    -n "gnuplot chart12.gp" "gnuplot -e \"out='$out/gnuplot.png'\" $here/tasks/chart12.gp" >/dev/null
  python3 - "$out/runs.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-24s median %6.1f ms  (min %.1f, max %.1f)" % (r["command"], 1000 * r["median"], 1000 * r["min"], 1000 * r["max"]))
PY
else
  echo "skip  whole-process timings: hyperfine and gnuplot are needed"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
