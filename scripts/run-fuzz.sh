#!/usr/bin/env bash
# Runs every libFuzzer harness, two at a time (one per core), and writes a
# summary.
#   scripts/run-fuzz.sh BUILD_DIR SECONDS_PER_HARNESS
#   scripts/run-fuzz.sh BUILD_DIR smoke
# `smoke` is the CI mode: a fixed seed and the fixed number of inputs per
# harness in fuzz/smoke-runs.txt (about 60 s each on the project's machine),
# so a CI run executes exactly the inputs that were checked before it; the
# time mode explores freshly every run.
# The seed corpus is fuzz/corpus/<target>; the reference data of data/ are
# added as extra seeds.  A finding is copied to
# fuzz/regressions/<target>/ (so that the test suite replays it) and fails the run.
set -uo pipefail
build=${1:-build-fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
export build seconds root
[ "$seconds" = smoke ] && export smoke_runs="$root/fuzz/smoke-runs.txt"

fuzz_one() {
  local exe=$1 target=${1##*/fuzz_}
  local work="$build/fuzz-work/$target" v="$root/data" extra=()
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  local budget=(-max_total_time="$seconds")
  if [ -n "${smoke_runs:-}" ]; then
    budget=(-seed=1 -runs="$(awk -v t="$target" '$1 == t {print $2}' "$smoke_runs")")
  fi
  if [ -d "$v" ]; then
    case "$target" in
      bdm|auto) extra=("$v/bdm_examples" "$v/emission_standards_bdm1994") ;;
      ktab_csv|ktab_xml) extra=("$v/ktab") ;;
      deu) extra=("$v/deu") ;;
      decide) extra=("$v/exchange_model_climate") ;;
      long) extra=("$v/ktab_china_2014") ;;
    esac
  fi
  "$exe" "$work/corpus" "$root/fuzz/corpus/$target" "${extra[@]}" \
    "${budget[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/log.txt" 2>&1
  echo $? >"$work/rc"
}
export -f fuzz_one

ls "$build"/fuzz/fuzz_* | xargs -P 2 -I{} bash -c 'fuzz_one {}'

summary="$build/fuzz-summary.txt"
: >"$summary"
status=0
total=0
for exe in "$build"/fuzz/fuzz_*; do
  target=${exe##*/fuzz_}
  work="$build/fuzz-work/$target"
  execs=$(grep -m1 'stat::number_of_executed_units' "$work/log.txt" | awk '{print $2}')
  findings=$(find "$work/artifacts" -type f | wc -l)
  total=$((total + ${execs:-0}))
  printf '%-9s executions %-10s findings %s\n' "$target" "${execs:-?}" "$findings" | tee -a "$summary"
  if [ "$(cat "$work/rc")" -ne 0 ] || [ "$findings" -gt 0 ]; then
    status=1
    mkdir -p "$root/fuzz/regressions/$target"
    cp "$work/artifacts"/* "$root/fuzz/regressions/$target/" 2>/dev/null
    tail -n 40 "$work/log.txt"
  fi
done
echo "total executions $total" | tee -a "$summary"
exit $status
