#!/usr/bin/env bash
# Fetches the pinned Vega, Vega-Lite and Vega-Embed releases with npm and
# copies their minified browser bundles and licences into third_party/vega/.
# The build embeds these files in the parley binary, so neither the build nor
# a report needs the network.  Run this only to refresh the vendored copies
# (after changing the versions below), then commit third_party/vega/.
set -euo pipefail

VEGA_VERSION=6.4.0
VEGA_LITE_VERSION=6.4.3
VEGA_EMBED_VERSION=7.3.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/third_party/vega"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
for spec in "vega@$VEGA_VERSION" "vega-lite@$VEGA_LITE_VERSION" "vega-embed@$VEGA_EMBED_VERSION"; do
  npm pack --silent "$spec" >/dev/null
done

mkdir -p "$dest"
unpack() {  # package name, version
  local dir="$work/$1"
  mkdir -p "$dir"
  tar -xzf "$work/$1-$2.tgz" -C "$dir"
  cp "$dir/package/build/$1.min.js" "$dest/$1.min.js"
  cp "$dir/package/LICENSE" "$dest/LICENSE-$1"
}
unpack vega "$VEGA_VERSION"
unpack vega-lite "$VEGA_LITE_VERSION"
unpack vega-embed "$VEGA_EMBED_VERSION"

cat > "$dest/README.md" <<README
# Vega, Vega-Lite, Vega-Embed (vendored)

Minified browser bundles that \`parley report\` embeds in every HTML report, so
a report opens offline.  Copied unmodified from the npm packages:

| package    | version | file                | licence              |
|------------|---------|---------------------|----------------------|
| vega       | $VEGA_VERSION   | vega.min.js         | LICENSE-vega (BSD-3-Clause)       |
| vega-lite  | $VEGA_LITE_VERSION   | vega-lite.min.js    | LICENSE-vega-lite (BSD-3-Clause)  |
| vega-embed | $VEGA_EMBED_VERSION   | vega-embed.min.js   | LICENSE-vega-embed (BSD-3-Clause) |

To refresh: change the versions at the top of \`scripts/vendor-frontend.sh\`,
run \`bash scripts/vendor-frontend.sh\` (needs npm and the npm registry), check
that \`ctest -R report\` passes, and commit this folder.  The build never
fetches anything: CMake embeds these files as they are committed.
README
echo "vendored into $dest:" >&2
ls -l "$dest" >&2
