#!/usr/bin/env bash
# Regenerates the leaderboard of docs/validation.md: every shipped model on
# the DEU development file (three capability options), the emission case and
# the KTAB China 2014 cases.  Usage: scripts/leaderboard.sh [build/parley]
set -euo pipefail
PARLEY=${1:-build/parley}
V=${PARLEY_VALIDATION_DIR:-data}
TUNE=(--tune "compromise|compromise:weight=sal|compromise:weight=cap|compromise:weight=none"
      --tune "median|median:weight=sal|median:weight=none")

# Prints the command and the model block of its report.
board() {
  echo "\$ parley backtest ${*}"
  "$PARLEY" backtest "$@" | awk 'NR > 3 && /^$/ { done = 1 } NR > 3 && !done'
  echo
}

# DEU: the static models.  Dynamic models are left out here: DEU issues belong
# to separate proposals, and a multi-issue model such as `exchange` would
# treat all 222 as one negotiation (and take minutes); use --models all to
# include them anyway.
for caps in treaty gdp equal; do
  board "$V/deu/deu_dev.tsv" --models static --capabilities "$caps" "${TUNE[@]}"
done
board "$V/emission_standards_bdm1994/actors.csv" --models all --outcome 8.833
for key in near_term_by_2017 long_run_by_2020; do
  board "$V/ktab_china_2014/actors.csv" --models all \
    --outcomes "$V/ktab_china_2014/cases_and_outcomes.csv" --outcome-key "$key"
done
