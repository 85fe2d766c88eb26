#!/usr/bin/env bash
# Vendor Cytoscape.js (MIT) for the self-contained HTML export: fetch the pinned version from
# the npm registry and copy its minified build and licence into assets/.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-3.34.4}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "cytoscape@$version" --silent >/dev/null && tar xzf cytoscape-*.tgz)
cp "$tmp/package/dist/cytoscape.min.js" assets/cytoscape.min.js
cp "$tmp/package/LICENSE" assets/cytoscape-LICENSE
if grep -q '</script' assets/cytoscape.min.js; then
  echo "cytoscape.min.js contains </script: it cannot be inlined" >&2
  exit 1
fi
echo "vendored cytoscape $version"
