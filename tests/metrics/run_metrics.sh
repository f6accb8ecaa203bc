#!/usr/bin/env bash
# run_metrics.sh CASE RAPKIT TESTS_DIR LIBRARY_DIR: the metric
# library tests that need more than tests/run_script_test.sh gives: data
# files elsewhere in the tree (police_uk) or the RAPKIT_PATH environment
# variable (require_path). Output is compared exactly with CASE.expected.out
# and CASE.expected.err, after the folders that depend on where the tree is
# are written as @METRICS@ and @LIBRARY@.
set -u
[ $# -eq 4 ] || { echo "usage: $0 CASE RAPKIT TESTS_DIR LIBRARY_DIR" >&2; exit 2; }
name=$1 rapkit=$2 tests=$3 library=$4
here=$tests/metrics
work=$(mktemp -d "${TMPDIR:-/tmp}/rapkit-metrics.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

case "$name" in
  police_uk)
    c=$tests/conformance/police-uk
    (cd "$here" && "$rapkit" run police_uk.lua --out "$work/out" \
        --data city_of_london=$c/2020-01-city-of-london-stop-and-search.csv \
        --data essex=$c/2020-01-essex-stop-and-search.csv \
        --data merseyside=$c/2020-01-merseyside-stop-and-search.csv \
        --data south_yorkshire=$c/2020-01-south-yorkshire-stop-and-search.csv \
        --data population=$tests/data/real/force-demographics.csv) \
      > "$work/stdout" 2> "$work/stderr"
    ;;
  require_path)
    (cd "$here" && RAPKIT_PATH="$here/path_a::$here/path_b" \
        "$rapkit" run require_path.lua --out "$work/out") > "$work/stdout" 2> "$work/stderr"
    ;;
  *) echo "unknown case $name" >&2; exit 2 ;;
esac
code=$?

failed=0
for stream in out err; do
  actual=$work/std$stream
  sed -e "s#$library#@LIBRARY@#g" -e "s#$here#@METRICS@#g" \
      "$actual" > "$actual.norm"
  expected=$here/$name.expected.$stream
  [ -f "$expected" ] || expected=/dev/null
  if ! cmp -s "$expected" "$actual.norm"; then
    echo "FAIL $name: standard $stream differs (--- expected, +++ actual)"
    diff -u "$expected" "$actual.norm" | tail -n +3
    failed=1
  fi
done
want=0
[ -f "$here/$name.expected.code" ] && want=$(tr -d ' \n' < "$here/$name.expected.code")
[ "$code" = "$want" ] || { echo "FAIL $name: exit code $code, expected $want"; failed=1; }
[ "$failed" = 0 ] && echo "ok $name"
exit "$failed"
