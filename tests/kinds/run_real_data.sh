#!/usr/bin/env bash
# Runs tests/kinds/real_data.lua on the real files and compares its output.
# usage: run_real_data.sh RAPKIT TESTS_DIR
set -u
rapkit=$1 tests=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
p=$tests/conformance/police-uk
r=$tests/data/real
"$rapkit" run "$tests/kinds/real_data.lua" --out "$out" \
  --data city_of_london=$p/2020-01-city-of-london-stop-and-search.csv \
  --data essex=$p/2020-01-essex-stop-and-search.csv \
  --data merseyside=$p/2020-01-merseyside-stop-and-search.csv \
  --data south_yorkshire=$p/2020-01-south-yorkshire-stop-and-search.csv \
  --data wm_2016=$r/2016-11-west-midlands-stop-and-search.excerpt.csv \
  --data wm_2019=$r/2019-01-west-midlands-stop-and-search.excerpt.csv \
  --data officers=$r/officer-rank-from-2003.csv \
  --data force_2011=$r/force-demographics.csv \
  --data chiefs=$r/chief-officer-latest.csv \
  --data police_defined=$r/police-defined-demographics.csv \
  --data lad_2021=$r/census_2021_pop_ests_collapsed.csv \
  --data nomis=$r/nomis-ts021-sample.csv > "$out/stdout" 2> "$out/stderr"
code=$?
if [ $code -ne 0 ] || ! diff -u "$tests/kinds/real_data.expected" "$out/stdout"; then
  echo "FAIL real_data (exit $code)"; cat "$out/stderr"; exit 1
fi
echo "1 passed, 0 failed"
