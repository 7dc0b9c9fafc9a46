#!/usr/bin/env bash
# Regenerates the screenshots of docs/report.md: the flagship's war-layer,
# ensemble and sensitivity reports, written by the parley of BUILD (default
# build/) and opened in headless Chromium at 1280 px by the browser test,
# which also checks them plot by plot.  SHOT_HEIGHT pixels (default 2200) of
# each page are saved into docs/img/: the war report from its top (the
# headline), the others from their plots.
#
#   bash scripts/report-screenshots.sh [BUILD]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
parley="$build/parley"
scenario="$root/scenarios/ukraine-2026.yaml"
[[ -x "$parley" ]] || { echo "no $parley: build first (make build)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
"$parley" report "$scenario" --model war -q -o "$work/ukraine-2026-war.html"
"$parley" mc "$scenario" --model compromise --draws 2000 --no-store -q --format json \
  -o "$work/ukraine-2026-mc.json"
"$parley" report "$work/ukraine-2026-mc.json" --scenario "$scenario" -q \
  -o "$work/ukraine-2026-mc.html"
"$parley" sensitivity "$scenario" --model compromise --no-store -q --format json \
  -o "$work/ukraine-2026-sensitivity.json"
"$parley" report "$work/ukraine-2026-sensitivity.json" --scenario "$scenario" -q \
  -o "$work/ukraine-2026-sensitivity.html"

mkdir -p "$root/docs/img"
PARLEY_SHOT_FROM='{"ukraine-2026-mc.html": "How sure the forecast is",
  "ukraine-2026-sensitivity.html": "What drives the forecast"}' \
PARLEY_SCREENSHOT_DIR="$root/docs/img" PARLEY_SHOT_HEIGHT="${SHOT_HEIGHT:-2200}" \
  node "$root/tests/report/browser.test.js" "$work/ukraine-2026-war.html" \
  "$work/ukraine-2026-mc.html" "$work/ukraine-2026-sensitivity.html"
ls -l "$root"/docs/img/ukraine-2026-{war,mc,sensitivity}.png
