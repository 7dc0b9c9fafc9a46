#!/usr/bin/env bash
# Compares the results of this tree with those of another revision:
#   bash scripts/compare-results.sh BASE_REV
# Builds `parley` at BASE_REV (from `git archive`, in a scratch folder) and in
# this tree, records the JSON of the flagship scenario under every model, an
# ensemble and a sensitivity analysis of it, the DEU backtest and the KTAB
# cases, and compares them number for number.  Both builds read the same
# inputs: the flagship as it was at BASE_REV and this tree's reference data.  Fields that the result schema
# renamed or moved are mapped onto one form first (scripts/compare_results.py);
# nothing else is ignored.  Exit 0 when every number is identical.
#
# Environment: BUILD (this tree's build folder, default build), BASE_BUILD
# (a build folder of BASE_REV that holds `parley` already: used as it is), PARLEY_VALIDATION_DIR (reference
# data; default data/ or ../shared/validation beside the checkout).
set -euo pipefail

base=${1:?usage: compare-results.sh BASE_REV}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
base_build=${BASE_BUILD:-$scratch/base-src/build}

validation=${PARLEY_VALIDATION_DIR:-}
if [ -z "$validation" ]; then
  for d in "$root/data" "$root/../shared/validation"; do
    if [ -d "$d/deu" ] || [ -d "$d/ktab" ]; then validation=$d; break; fi
  done
fi

# ccache keys on paths relative to the checkout (as the Makefile sets it), so
# the base build reuses the objects of any checkout that compiled them.
export CCACHE_NOHASHDIR=1
if [ ! -x "$base_build/parley" ]; then
  echo "building $base" >&2
  mkdir -p "$scratch/base-src"
  git -C "$root" archive "$base" | tar -x -C "$scratch/base-src"
  CCACHE_BASEDIR=$scratch/base-src cmake -S "$scratch/base-src" -B "$base_build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DPARLEY_TESTS=OFF -DPARLEY_BENCH=OFF >/dev/null
  CCACHE_BASEDIR=$scratch/base-src cmake --build "$base_build" -j2 --target parley >/dev/null
fi
echo "building this tree" >&2
CCACHE_BASEDIR=$root cmake --build "$build" -j2 --target parley >/dev/null

# Both builds read the same inputs: the flagship as it was at BASE_REV (the
# scenario itself may have changed since) and the reference data here.
flagship=$scratch/ukraine-2026.yaml
git -C "$root" show "$base:scenarios/ukraine-2026.yaml" >"$flagship"

# record BINARY FOLDER: one JSON file per case.
record() {
  local bin=$1 out=$2
  mkdir -p "$out"
  for model in $("$bin" models | grep -E "^[a-z_]+:" | cut -d: -f1); do
    "$bin" run "$flagship" --model "$model" --format json >"$out/run-$model.json" 2>/dev/null ||
      echo "exit $?" >"$out/run-$model.json"
  done
  for model in compromise bdm war; do
    "$bin" mc "$flagship" --model "$model" --draws 100 --seed 5 --no-store --quiet \
      --format json >"$out/mc-$model.json" 2>/dev/null || echo "exit $?" >"$out/mc-$model.json"
  done
  "$bin" sensitivity "$flagship" --model compromise --no-store --quiet --format json \
    >"$out/sensitivity-oat.json" 2>/dev/null || echo "exit $?" >"$out/sensitivity-oat.json"
  if [ -n "$validation" ] && [ -f "$validation/deu/deu_dev.tsv" ]; then
    for caps in treaty gdp; do
      "$bin" backtest "$validation/deu/deu_dev.tsv" --capabilities "$caps" --format json \
        >"$out/backtest-deu-$caps.json" 2>/dev/null || echo "exit $?" >"$out/backtest-deu-$caps.json"
    done
  fi
  if [ -n "$validation" ] && [ -d "$validation/ktab" ]; then
    for f in "$validation"/ktab/*.csv "$validation"/ktab/*.xml; do
      local name
      name=$(basename "$f")
      "$bin" run "$f" --model smp --format json >"$out/ktab-$name.json" 2>/dev/null ||
        echo "exit $?" >"$out/ktab-$name.json"
    done
  fi
}

echo "recording $base" >&2
record "$base_build/parley" "$scratch/base"
echo "recording this tree" >&2
record "$build/parley" "$scratch/head"
python3 "$root/scripts/compare_results.py" "$scratch/base" "$scratch/head"
