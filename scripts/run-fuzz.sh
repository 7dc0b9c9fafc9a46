#!/usr/bin/env bash
# Runs every libFuzzer harness for a given time and writes a summary.
#   scripts/run-fuzz.sh BUILD_DIR SECONDS_PER_HARNESS
# The seed corpus is fuzz/corpus/<target>; files of ../shared/validation are
# added as extra seeds when present.  A finding is copied to
# fuzz/regressions/<target>/ (so that the test suite replays it) and fails the run.
set -uo pipefail
build=${1:-build-fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
summary="$build/fuzz-summary.txt"
: > "$summary"
status=0
extra_seeds() {
  local v="$root/../shared/validation"
  [ -d "$v" ] || return 0
  case "$1" in
    bdm|auto) echo "$v/bdm_examples $v/emission_standards_bdm1994" ;;
    ktab_csv|ktab_xml) echo "$v/ktab" ;;
    deu) echo "$v/deu" ;;
    decide) echo "$v/exchange_model_climate" ;;
    long) echo "$v/ktab_china_2014" ;;
  esac
}
for exe in "$build"/fuzz/fuzz_*; do
  target=${exe##*/fuzz_}
  work="$build/fuzz-work/$target"
  mkdir -p "$work/corpus" "$work/artifacts"
  # shellcheck disable=SC2046
  "$exe" "$work/corpus" "$root/fuzz/corpus/$target" $(extra_seeds "$target") \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 >"$work/log.txt" 2>&1
  rc=$?
  execs=$(grep -m1 'stat::number_of_executed_units' "$work/log.txt" | awk '{print $2}')
  findings=$(find "$work/artifacts" -type f | wc -l)
  printf '%-9s executions %-10s findings %s\n' "$target" "${execs:-?}" "$findings" | tee -a "$summary"
  if [ "$rc" -ne 0 ] || [ "$findings" -gt 0 ]; then
    status=1
    mkdir -p "$root/fuzz/regressions/$target"
    cp "$work/artifacts"/* "$root/fuzz/regressions/$target/" 2>/dev/null
    tail -n 40 "$work/log.txt"
  fi
done
exit $status
