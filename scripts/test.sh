#!/usr/bin/env bash
# The README's test command: install what the tests need and is missing, then run them.
#
#   scripts/test.sh [CARGO TEST ARGS…]
#
# The tests fail, never skip, when a tool they need is missing; this script makes sure none
# is. It installs only what is not there already, and says what it installs:
#  - from Debian's packages: Graphviz's `dot`, a CJK font (fonts-noto-cjk) and fontconfig,
#    Chromium (the HTML page's test), Node.js with npm and Python 3 with pip where absent;
#  - from PyPI: tests/clients/requirements.txt (NetworkX, jsonschema, Kùzu), at the pinned versions;
#  - from npm: tests/clients/package-lock.json (Cytoscape.js, d3-force, playwright-core).
# It needs root or sudo for the Debian packages (only when one is missing) and the package
# registries on the network; without them it stops with a message naming what to install.
# Then it runs `cargo test --locked` with the given arguments: a developer who has the tools
# can run that alone.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'test.sh: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 2
}

# Debian packages, each with the check that tells it is there.
debian=()
command -v dot >/dev/null 2>&1 || debian+=(graphviz)
command -v fc-list >/dev/null 2>&1 || debian+=(fontconfig)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  debian+=(fonts-noto-cjk)
fi
command -v chromium >/dev/null 2>&1 || debian+=(chromium)
command -v node >/dev/null 2>&1 || debian+=(nodejs)
command -v npm >/dev/null 2>&1 || debian+=(npm)
command -v python3 >/dev/null 2>&1 || debian+=(python3)
python3 -m pip --version >/dev/null 2>&1 || debian+=(python3-pip)

if [ ${#debian[@]} -gt 0 ]; then
  say "installing from Debian's packages: ${debian[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null \
      || die "need root (or sudo without a password) to install ${debian[*]}; run this script as root, or install them yourself: apt-get install ${debian[*]}"
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq \
    || die "apt-get update failed: Debian's package registry is not reachable; install by hand: apt-get install ${debian[*]}"
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${debian[@]}" >/dev/null \
    || die "apt-get install ${debian[*]} failed (see above)"
fi

# Python clients: every pinned requirement at its version, else pip installs the file.
python_missing=()
while IFS= read -r line; do
  case "$line" in '' | '#'*) continue ;; esac
  name="${line%%==*}" version="${line#*==}"
  have=$(python3 -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)
  [ "$have" = "$version" ] || python_missing+=("$line")
done <tests/clients/requirements.txt
if [ ${#python_missing[@]} -gt 0 ]; then
  say "installing from PyPI: ${python_missing[*]}"
  pip=(python3 -m pip install -q --disable-pip-version-check -r tests/clients/requirements.txt)
  # Debian's own Python refuses pip outside a virtual environment (PEP 668) unless told.
  "${pip[@]}" 2>/dev/null || "${pip[@]}" --break-system-packages \
    || die "pip could not install ${python_missing[*]}: is PyPI reachable? (python3 -m pip install -r tests/clients/requirements.txt)"
fi

# Node clients: exactly the lock file's versions.
if ! (cd tests/clients && npm ls --depth=0 >/dev/null 2>&1); then
  say "installing from npm: tests/clients/package-lock.json (cytoscape, d3-force, playwright-core)"
  (cd tests/clients && npm ci --silent --no-audit --no-fund) \
    || die "npm ci in tests/clients failed: is the npm registry reachable?"
fi

say "running cargo test --locked $*"
exec cargo test --locked "$@"
