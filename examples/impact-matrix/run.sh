#!/usr/bin/env bash
# The impact matrix example: scores the illustrative activity log with the
# EMMIE-style scheme for 2025-26 Q2, compares it with Q1, scores the reach x
# depth x outcome scheme on the same data, and tests how far the levels hang
# on the weights (1,000 draws, seed 1). `make demo` runs it.
# usage: examples/impact-matrix/run.sh RAPKIT OUT_DIR
set -euo pipefail
rapkit=$(realpath "$1")
out=$(realpath -m "$2")
cd "$(dirname "$0")"
"$rapkit" matrix emmie.lua --data activities=activities-2025-26-q1-q2.csv \
  --period "2025-26 Q2" --compare "2025-26 Q1" --against reach-depth-outcome.lua \
  --sensitivity 1000 --seed 1 --out "$out"
