#!/usr/bin/env bash
# Fuzzing smoke run: every cargo-fuzz target for SECONDS (default 30), starting from its
# committed seeds in fuzz/regressions/<target>/ (new inputs go to a scratch corpus, so the
# seeds stay as committed). Fails on the first target that crashes, times out or leaks.
# Long runs: `cargo +nightly fuzz run -O TARGET -- -max_total_time=600`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install --locked cargo-fuzz@0.13.2
# cargo-fuzz needs nightly for the sanitizers; without one, stable with RUSTC_BOOTSTRAP
# still builds libFuzzer's coverage instrumentation (no AddressSanitizer, which safe Rust
# rarely needs).
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
  sanitizer=address
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
  sanitizer=none
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"${fuzz[@]}" build -O --sanitizer "$sanitizer"
for target in $("${fuzz[@]}" list); do
  mkdir -p "$scratch/$target"
  echo "fuzz: $target for ${seconds}s"
  log="$scratch/$target.log"
  if ! "${fuzz[@]}" run -O --sanitizer "$sanitizer" "$target" "$scratch/$target" \
    "fuzz/regressions/$target" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target failed"
    exit 1
  fi
  grep -E '^(Done|stat::new_units_added)' "$log"
done
