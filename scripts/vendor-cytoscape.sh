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
# The fcose force layout (keeps compound boxes apart) and the two libraries it needs, as one file.
(cd "$tmp" && npm pack layout-base@2.0.1 cose-base@2.2.0 cytoscape-fcose@2.2.0 --silent >/dev/null)
{
  echo "/* layout-base 2.0.1, cose-base 2.2.0, cytoscape-fcose 2.2.0 (MIT, iVis@Bilkent; see fcose-LICENSE), from npm, unchanged */"
  for p in layout-base-2.0.1/layout-base.js cose-base-2.2.0/cose-base.js cytoscape-fcose-2.2.0/cytoscape-fcose.js; do
    dir="$tmp/${p%%/*}"; mkdir -p "$dir"; tar xzf "$tmp/${p%%/*}.tgz" -C "$dir" --strip-components=1
    cat "$dir/${p#*/}"; echo
  done
} > assets/fcose.js
for p in layout-base-2.0.1 cose-base-2.2.0 cytoscape-fcose-2.2.0; do echo "== $p =="; cat "$tmp/$p/LICENSE"; echo; done > assets/fcose-LICENSE
if grep -q '</script' assets/fcose.js; then
  echo "fcose.js contains </script: it cannot be inlined" >&2
  exit 1
fi
echo "vendored cytoscape $version and cytoscape-fcose 2.2.0"
