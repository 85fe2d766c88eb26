#!/usr/bin/env bash
# Side-by-side benchmark of jjj against the tools users would pick instead: installs the
# peers from PyPI (benches/requirements.txt), makes the workloads with `jjj generate`, runs
# everything in one go and prints one table (also in target/bench-compare/results.json).
#
#   benches/compare.sh            10 and 100 MB corpora, 100k/500k and 1M/5M graphs (~20 min)
#   benches/compare.sh --quick    10 MB corpus and the 100k/500k graph (~2 min)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet -r benches/requirements.txt 2>/dev/null \
  || python3 -m pip install --quiet --break-system-packages -r benches/requirements.txt
exec python3 benches/compare.py "$@"
