#!/usr/bin/env bash
# Regenerates the war layer's calibration on the case library and the war
# backtest of docs/validation.md ("War layer").
#   scripts/calibrate-war.sh [PARLEY] [OUT_DIR]
# PARLEY defaults to build/parley, OUT_DIR to build/war-calibration.  Writes
# OUT_DIR/calibration.{txt,json} (fitted values, profile intervals, the
# leave-one-case-out scores), OUT_DIR/scans.txt (what the library allows for
# the parameters left at stated values) and OUT_DIR/backtest.{txt,json} (the
# shipped defaults on every case at 2000 wars, with the baselines).  The free
# parameters and their grids are the calibrate command's defaults.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
parley=${1:-$root/build/parley}
out=${2:-$root/build/war-calibration}
mkdir -p "$out"
: >"$out/scans.txt"
cd "$root"
threads=$(nproc)

start=$(date +%s)
"$parley" calibrate cases/wars/outcomes.csv --model war --draws 400 --score-draws 2000 \
  --set threads="$threads" -o "$out/calibration.json" 2>&1 | tee "$out/calibration.txt"
echo "calibration: $(($(date +%s) - start)) s on $threads threads" | tee -a "$out/calibration.txt"

# What the library allows for the stated parameters: one-parameter scans with
# the fitted values fixed (docs/validation.md, "War layer: results").
for fit in "a_b=-7:-1:5" "a_r=-6:0:5" "a_t=-5:1:5" "a_k=-7:-1:5" "h0=0.005,0.01,0.02,0.04,0.08" \
  "audience_decay=0.8,0.9,0.95,0.99" "discount=0.9,0.95,0.97,0.99,0.995"; do
  "$parley" calibrate cases/wars/outcomes.csv --model war --fit "$fit" --draws 400 \
    --score-draws 100 --bootstrap 0 --set threads="$threads" --format table | sed -n 5,7p |
    tee -a "$out/scans.txt"
done

start=$(date +%s)
"$parley" backtest cases/wars/outcomes.csv --models war --set draws=2000 \
  --set threads="$threads" | tee "$out/backtest.txt"
"$parley" backtest cases/wars/outcomes.csv --models war --set draws=2000 \
  --set threads="$threads" --format json -o "$out/backtest.json"
echo "backtest (run twice): $(($(date +%s) - start)) s on $threads threads" |
  tee -a "$out/backtest.txt"
