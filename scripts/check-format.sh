#!/usr/bin/env bash
# Fails when any tracked C++ file differs from clang-format's output.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format not installed; skipping" >&2; exit 0; }
bad=()
while IFS= read -r f; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.cpp' '*.h' | grep -v '^third_party/')
if [ ${#bad[@]} -gt 0 ]; then
  printf 'clang-format would change: %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "format ok"
