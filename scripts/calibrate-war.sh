#!/usr/bin/env bash
# Regenerates the war layer's calibration on the case library and the war
# backtest of docs/validation.md ("War layer").
#   scripts/calibrate-war.sh [PARLEY] [OUT_DIR]
# PARLEY defaults to build/parley, OUT_DIR to build/war-calibration.  Writes
# OUT_DIR/calibration.{txt,json} (fitted values, profile intervals, the
# leave-one-case-out scores) and OUT_DIR/backtest.{txt,json} (the shipped
# defaults on every case at 2000 wars, with the baselines).  The free
# parameters and their grids are the calibrate command's defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
parley=${1:-$root/build/parley}
out=${2:-$root/build/war-calibration}
mkdir -p "$out"
cd "$root"
threads=$(nproc)

start=$(date +%s)
"$parley" calibrate cases/wars/outcomes.csv --model war --draws 400 --score-draws 2000 \
  --set threads="$threads" -o "$out/calibration.json" | tee "$out/calibration.txt"
echo "calibration: $(($(date +%s) - start)) s on $threads threads" | tee -a "$out/calibration.txt"

start=$(date +%s)
"$parley" backtest cases/wars/outcomes.csv --models war --set draws=2000 \
  --set threads="$threads" | tee "$out/backtest.txt"
"$parley" backtest cases/wars/outcomes.csv --models war --set draws=2000 \
  --set threads="$threads" --format json -o "$out/backtest.json"
echo "backtest (run twice): $(($(date +%s) - start)) s on $threads threads" |
  tee -a "$out/backtest.txt"
