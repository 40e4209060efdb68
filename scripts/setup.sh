#!/usr/bin/env bash
# Installs what the build needs (idempotent): the wasm32 target, the wasm-bindgen CLI at exactly the
# version Cargo.toml pins, and the npm packages the tests use. Called by `make serve` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# The CLI must match the crate bit for bit: read the pin from Cargo.toml (`wasm-bindgen = "=X.Y.Z"`).
want=$(sed -n 's/^wasm-bindgen = { *version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)
if [ -z "$want" ]; then
  echo "setup: could not read the exact wasm-bindgen pin from Cargo.toml" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (found: ${have:-none}); this takes about 3 minutes"
  # --locked reproduces the CLI's own lock file, but that file may name a dependency version the
  # registry mirror no longer serves; then let cargo pick the newest compatible versions instead.
  # --force: cargo's record of installed crates can disagree with the binaries that are there.
  cargo install wasm-bindgen-cli --version "$want" --locked --force ||
    cargo install wasm-bindgen-cli --version "$want" --force
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    echo "setup: wasm-bindgen $want was installed but \`wasm-bindgen --version\` says ${have:-nothing};" \
      "is ~/.cargo/bin on PATH?" >&2
    exit 1
  fi
fi

# npm packages for the JS and browser tests (playwright-core drives the system Chromium; it never
# downloads a browser). Reinstall only when the lock file changed.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi
