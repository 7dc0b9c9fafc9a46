#!/usr/bin/env bash
# Installs parley's build and test dependencies from Debian's archive.
# Idempotent: installs only what is missing.  Needs root or sudo.
set -euo pipefail

packages=(
  cmake ninja-build g++ make pkg-config ccache clang-format
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libsqlitecpp-dev libsqlite3-dev libssl-dev libpugixml-dev libpcg-cpp-dev libsleef-dev
  libnlopt-dev libnlopt-cxx-dev
  libcpp-httplib-dev  # parley serve
  libgtest-dev libgmock-dev libbenchmark-dev librapidcheck-dev
  python3 python3-jsonschema  # python3-jsonschema: the result schema test
  nodejs chromium chromium-driver  # the report tests (npm only to refresh third_party/vega)
  pybind11-dev python3-dev  # the Python module (python/)
  python3-pytest python3-numpy python3-pandas  # its tests
  jupyter-nbconvert python3-ipykernel python3-matplotlib  # the notebook, executed by the tests
)
if [ "${PARLEY_EXTRA_DEPS:-}" != "" ]; then
  # shellcheck disable=SC2206
  packages+=(${PARLEY_EXTRA_DEPS})
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
