#!/usr/bin/env bash
# Builds the benchmark's baseline: the wasm module as it was before issue 17 (commit 146a3fc, or
# BENCH_BASELINE), with its own engine.js, into target/bench-baseline/ (once; cached by commit).
# `bench/run.mjs` measures it as a peer. Without that commit (a shallow clone) or without the
# wasm-bindgen CLI its Cargo.toml pins, it says why and skips: the benchmark then has no baseline
# column, it does not fail.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${BENCH_BASELINE:-146a3fc}
dir=target/bench-baseline
if ! commit=$(git rev-parse --verify --quiet "$base^{commit}"); then
  echo "bench: baseline commit $base is not in this clone (shallow?); no baseline column" >&2
  rm -f "$dir/commit"
  exit 0
fi
if [ -f "$dir/commit" ] && [ "$(cat "$dir/commit")" = "$commit" ] && [ -f "$dir/www/pkg/backprop_playground_bg.wasm" ]; then
  exit 0
fi
rm -rf "$dir/src" "$dir/kernels" "$dir/www" "$dir/.cargo" "$dir/commit"
mkdir -p "$dir"
# Only what the wasm build and its engine.js need; its own target dir keeps it from replacing the
# current build's artefacts (same crate name).
git archive "$commit" Cargo.toml Cargo.lock .cargo src kernels www/js | tar -x -C "$dir"
want=$(sed -n 's/^wasm-bindgen = { *version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$dir/Cargo.toml" | head -n1)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
  echo "bench: the baseline pins wasm-bindgen $want but the CLI is ${have:-missing}; no baseline column" >&2
  exit 0
fi
echo "bench: building the baseline wasm ($base) once into $dir (a few minutes the first time)"
if ! (cd "$dir" && CARGO_TARGET_DIR=target cargo build --release --lib --target wasm32-unknown-unknown --quiet) ||
  ! wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$dir/www/pkg" "$dir/target/wasm32-unknown-unknown/release/backprop_playground.wasm"; then
  echo "bench: the baseline ($base) did not build (above); no baseline column" >&2
  exit 0
fi
echo "$commit" >"$dir/commit"
