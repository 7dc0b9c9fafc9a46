#!/usr/bin/env bash
# Regenerates the shipped default calibrations data/calibration/MODEL.json:
# every spatial model fitted on the DEU development file with treaty
# capabilities and 5-fold cross-validation grouped by proposal
# (docs/calibration.md).  Usage, from the repository root:
#
#   scripts/calibrate-defaults.sh [PARLEY_BINARY] [--check]
#
# --check writes nothing: it fits every model again and fails when a shipped
# file differs from the fit in anything but the `parley_version` that wrote it
# (the unit test checks the static models; this also checks the dynamic ones,
# which take minutes: exchange runs all 222 issues as one negotiation).
set -euo pipefail

parley=build/parley
check=0
for arg in "$@"; do
  case "$arg" in
    --check) check=1 ;;
    *) parley="$arg" ;;
  esac
done
data=data/deu/deu_dev.tsv
models=(compromise median nbs procedural exchange bdm smp)

status=0
for model in "${models[@]}"; do
  target=data/calibration/$model.json
  if [ "$check" = 1 ]; then
    fresh=$(mktemp)
    "$parley" calibrate "$data" --model "$model" --capabilities treaty --folds 5 \
      --seed 20260101 --format json --quiet -o "$fresh"
    if cmp -s <(grep -v '^  "parley_version": ' "$fresh") \
      <(grep -v '^  "parley_version": ' "$target"); then
      echo "$target: reproduced"
    else
      echo "$target: differs from a fresh fit" >&2
      status=1
    fi
    rm -f "$fresh"
  else
    "$parley" calibrate "$data" --model "$model" --capabilities treaty --folds 5 \
      --seed 20260101 --format json -o "$target"
  fi
done
exit $status
