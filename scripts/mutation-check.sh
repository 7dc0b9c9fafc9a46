#!/usr/bin/env bash
# Mutation check: the test suite must fail when a model is made wrong.
#
# Applies each mutation below on its own to the source tree (the file is
# restored from a backup right after, and on any exit or interrupt), rebuilds
# the tests in their own build folder (Release, the compile flags of `make
# test`, so ccache serves every unmutated file), runs the part of the suite
# that covers the models, and expects it to FAIL.  A mutation whose text is
# gone or ambiguous, or that does not compile, stops the script with an
# error: code motion cannot make a mutation silently do nothing, and a
# mutant that does not build proves nothing.
#
#   bash scripts/mutation-check.sh [BUILD_DIR]      (default build-mutation)
#
# Exit 0 when every mutation turned the suite red and the unmutated suite is
# green; 1 when a mutation survived; 2 when a mutation does not apply or
# compile, or the unmutated suite fails.  docs/testing.md records the last
# result.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-mutation}
JOBS=${JOBS:-2}
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1

say() { printf '%s\n' "$*"; }

# The tests each mutation runs (gtest filters): the suites that check the
# mutated model, not the whole suite (the CLI, store and report tests cannot
# see a model's arithmetic and take most of the time).
MODEL_TESTS='Baseline*:Median*:Compromise*:Nbs*:Properties*:Monotone*:ParametersMatter*'
MODEL_TESTS+=':Published*:Degenerate*:Deu*:Bdm*:Smp*:Exchange*:Procedural*:EnsembleTest*'
MODEL_TESTS+=':War*:-Degenerate.HundredMegabyteInputLoads:Degenerate.TenThousandActors*'

declare -a NAMES=() FILES=() OLDS=() NEWS=() COUNTS=()
# mutation NAME FILE_GLOB COUNT OLD NEW: replace the literal text OLD (found
# exactly COUNT times in exactly one file matching FILE_GLOB) with NEW.
mutation() {
  NAMES+=("$1") FILES+=("$2") COUNTS+=("$3") OLDS+=("$4") NEWS+=("$5")
}

mutation "compromise: capability dropped from the weight" 'src/models/compromise.cpp' 1 \
  'spatial::weight_of(rule, in.capability(a, i), in.salience(a, i))' \
  'spatial::weight_of(rule, 1.0, in.salience(a, i))'
mutation "bdm: the forecast is the round-0 median" 'src/models/bdm*.cpp' 2 \
  'run.forecast = run.median.back();' \
  'run.forecast = run.median.front();'
mutation "smp: salience dropped from the challenge vote weights" 'src/models/smp*.cpp' 1 \
  'w[m] = total_salience(pb, m) * pb.capability[m];' \
  'w[m] = pb.capability[m];'
mutation "war: the mediator's bias ignored" 'src/conflict/*.cpp' 1 \
  'const double b = c_.mediators[chosen].bias;' \
  'const double b = 0 * c_.mediators[chosen].bias;'
mutation "war: ripeness (a mutually hurting stalemate) has no effect" 'src/conflict/*.cpp' 1 \
  'const double hurting = res.mutually_hurting ? 1 : 0;' \
  'const double hurting = res.mutually_hurting ? 0 : 0;'

# The one file of GLOB holding OLD exactly COUNT times; exits 2 otherwise.
locate() {
  local glob=$1 count=$2 old=$3 found=() f n
  for f in $glob; do
    [[ -f $f ]] || continue
    n=$(OLD=$old python3 -c 'import os,sys; print(open(sys.argv[1]).read().count(os.environ["OLD"]))' "$f")
    if [[ $n -gt 0 ]]; then
      if [[ $n -ne $count ]]; then
        say "mutation does not apply: $f holds the text $n times, expected $count" >&2
        exit 2
      fi
      found+=("$f")
    fi
  done
  if [[ ${#found[@]} -ne 1 ]]; then
    say "mutation does not apply: the text is in ${#found[@]} files matching $glob" >&2
    exit 2
  fi
  printf '%s' "${found[0]}"
}

BACKUP=$(mktemp -d)
MUTATED=""
# Restores the mutated file's text with a new modification time, so that the
# next build recompiles it (ccache serves the original object).
restore() {
  if [[ -n $MUTATED ]]; then
    cp "$BACKUP/file" "$MUTATED"
    touch "$MUTATED"
    MUTATED=""
  fi
}
trap 'restore; rm -rf "$BACKUP"' EXIT
trap 'exit 130' INT TERM

# Check every mutation applies before building anything.
for k in "${!NAMES[@]}"; do locate "${FILES[$k]}" "${COUNTS[$k]}" "${OLDS[$k]}" >/dev/null; done

build() { cmake --build "$BUILD" -j "$JOBS" --target parley parley_tests >"$BUILD/build.log" 2>&1; }
run_tests() {
  "$BUILD/tests/parley_tests" --gtest_filter="$MODEL_TESTS" --gtest_brief=1 \
    >"$BUILD/tests.log" 2>&1
}

start=$(date +%s)
if [[ ! -f $BUILD/build.ninja ]]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARLEY_BENCH=OFF \
    >/dev/null
fi
build || { tail -30 "$BUILD/build.log"; say "the unmutated build fails" >&2; exit 2; }
if ! run_tests; then
  tail -30 "$BUILD/tests.log"
  say "the unmutated tests fail: nothing to compare a mutation against" >&2
  exit 2
fi
say "unmutated: green ($(($(date +%s) - start)) s)"

survived=0
for k in "${!NAMES[@]}"; do
  t0=$(date +%s)
  file=$(locate "${FILES[$k]}" "${COUNTS[$k]}" "${OLDS[$k]}")
  cp "$file" "$BACKUP/file"
  MUTATED=$file
  OLD=${OLDS[$k]} NEW=${NEWS[$k]} python3 - "$file" <<'EOF'
import os, sys
path = sys.argv[1]
text = open(path).read()
open(path, "w").write(text.replace(os.environ["OLD"], os.environ["NEW"]))
EOF
  if cmp -s "$file" "$BACKUP/file"; then
    say "mutation did not change $file" >&2
    exit 2
  fi
  if ! build; then
    tail -30 "$BUILD/build.log"
    say "${NAMES[$k]}: the mutant does not compile" >&2
    exit 2
  fi
  if run_tests; then
    verdict="SURVIVED"
    survived=$((survived + 1))
  else
    ran=$(grep -oE '^\[==========\] [0-9]+ tests?' "$BUILD/tests.log" | grep -oE '[0-9]+' || echo 0)
    passed=$(grep -oE '^\[  PASSED  \] [0-9]+' "$BUILD/tests.log" | grep -oE '[0-9]+' || echo 0)
    failed=$((ran - passed))
    names=$(grep -oE '^\[  FAILED  \] [A-Za-z0-9_]+\.[A-Za-z0-9_/]+' "$BUILD/tests.log" |
      cut -c14- | sort -u | head -4 | paste -sd ' ' -)
    verdict="killed by $failed failing tests ($names)"
  fi
  restore
  say "${NAMES[$k]} ($file): $verdict ($(($(date +%s) - t0)) s)"
  if [[ $verdict == SURVIVED ]]; then cp "$BUILD/tests.log" "$BUILD/survived-$k.log"; fi
done

# Leave the build matching the restored sources.
build || true
say "mutation check: $((${#NAMES[@]} - survived)) of ${#NAMES[@]} mutations killed" \
  "($(($(date +%s) - start)) s)"
[[ $survived -eq 0 ]]
