#!/usr/bin/env bash
# Installs what the build needs (idempotent): the wasm32 target, the wasm-bindgen CLI at exactly the
# version Cargo.toml pins, and the npm packages the tests use. Called by `make serve` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# What cannot be installed from here, named with what to install (the build would otherwise fail
# minutes later with a less clear error).
node_major_minor=$(node -p 'process.versions.node.split(".").slice(0, 2).join(" ")' 2>/dev/null || true)
read -r node_major node_minor <<<"${node_major_minor:-0 0}"
# 20.19 (or 22.12 on 22): what Vite, which the bundler test builds with, needs; 21 is not enough.
if [ "$node_major" -lt 20 ] || { [ "$node_major" -eq 20 ] && [ "$node_minor" -lt 19 ]; } ||
  [ "$node_major" -eq 21 ] || { [ "$node_major" -eq 22 ] && [ "$node_minor" -lt 12 ]; }; then
  echo "setup: Node 20.19 or newer (22.12 or newer on 22) is needed (found: $(node --version 2>/dev/null || echo none));" \
    "install it from https://nodejs.org or your package manager" >&2
  exit 1
fi
if ! command -v rustup >/dev/null; then
  echo "setup: rustup is needed (Rust's installer): see https://rustup.rs" >&2
  exit 1
fi

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
  # Cargo links native programs with the system's C compiler (`cc`): without one the install fails
  # after minutes with a linker error.
  if ! command -v cc >/dev/null; then
    echo "setup: installing wasm-bindgen-cli needs a C compiler (cc), and none was found;" \
      "install one (Debian/Ubuntu: apt-get install build-essential; Fedora: dnf install gcc;" \
      "macOS: xcode-select --install) and run make again" >&2
    exit 1
  fi
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
