#!/usr/bin/env bash
# The chart gallery: runs gallery.lua on the shared example data in ../data
# (a script reads only its own folder and the files given with --data).
# `make demo` runs it.
# usage: examples/gallery/run.sh RAPKIT OUT_DIR
set -euo pipefail
rapkit=$(realpath "$1")
out=$(realpath -m "$2")
cd "$(dirname "$0")"
"$rapkit" run gallery.lua --out "$out" \
  --data workforce=../data/workforce-west-midlands-2019-2024.csv \
  --data s136=../data/s136-monthly.csv \
  --data stop_search=../data/2021-06-west-midlands-stop-and-search.csv \
  --data population=../data/population-west-midlands-2011.csv \
  --data funnel=../data/recruitment-funnel.csv \
  --data activities=../data/activities-2024-25-to-2025-26.csv
