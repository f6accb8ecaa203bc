#!/usr/bin/env bash
# run_reference.sh RAPKIT STATS_DIR REFERENCE_CSV: runs reference_rate_ratios.lua
# on Black Thrive's summarised stops file and compares its output with
# reference_rate_ratios.expected. The file is third-party and is read where
# it lies (../shared beside the project), never copied: without it the test
# is skipped with exit code 77 (CTest's SKIP_RETURN_CODE).
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 RAPKIT STATS_DIR REFERENCE_CSV" >&2
  exit 2
fi
rapkit=$1 dir=$2 reference=$3
if [ ! -f "$reference" ]; then
  echo "skipped: the third-party reference file is not there ($reference);" \
       "it is read from ../shared beside the project"
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$rapkit" run "$dir/reference_rate_ratios.lua" --out "$out" --data reference="$reference" \
  > "$out/stdout" 2> "$out/stderr"
code=$?
if [ $code -ne 0 ] || ! diff -u "$dir/reference_rate_ratios.expected" "$out/stdout"; then
  echo "FAIL reference_rate_ratios (exit $code)"
  cat "$out/stderr"
  exit 1
fi
echo "1 passed, 0 failed"
