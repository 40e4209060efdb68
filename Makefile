# Backprop Playground. Quick start: `make serve` (build and serve the page), `make test` (every layer).
SHELL := /bin/bash
CRATE := backprop_playground
WASM  := target/wasm32-unknown-unknown/release/$(CRATE).wasm
PORT  ?= 8000

export CHROMEDRIVER ?= /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: setup python-env build serve test test-native test-wasm test-js test-e2e test-notebook test-pytorch lint bench dist fuzz clean

## Installs what the build needs (idempotent): wasm32 target, exact wasm-bindgen-cli, npm packages;
## names what it cannot install (Node ≥ 20.10, rustup, a C compiler).
setup:
	@scripts/setup.sh

## Builds the release wasm into www/pkg/, so that www/ is a complete static site.
build: setup
	cargo build --release --lib --target wasm32-unknown-unknown
	@# Names and the producers section go (181 KB gzipped with them). No wasm optimiser runs after
	@# LLVM: binaryen's wasm-opt -O1..-O3 made training 8-12 % slower, and its removal-only passes
	@# (unused and duplicate functions, target features) saved 1.2 KB gzipped for 104 MB of
	@# node_modules and ~8 s per build.
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
		--out-dir www/pkg $(WASM)
	@node -e "const b=require('fs').readFileSync('www/pkg/$(CRATE)_bg.wasm');\
		console.log('wasm: '+(require('zlib').gzipSync(b).length/1024).toFixed(1)+' KB gzipped (budget 150)')"

## Builds, then serves www/ on localhost and prints the URL.
serve: build
	node scripts/serve.mjs --port $(PORT)

## Every test layer: native Rust, wasm in headless Chromium, JavaScript in Node, browser end-to-end.
test: build lint test-native test-wasm test-js test-e2e
	@echo "make test: every layer passed"

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --lib --tests --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --release --workspace

test-wasm: setup
	@scripts/require-chromium.sh
	cargo test --release --target wasm32-unknown-unknown --test web

test-js: build python-env
	node --test tests/js/

## A project-local .venv-numpy/ with the pinned NumPy that runs the exported NumPy scripts.
python-env:
	@scripts/python-venv.sh numpy python/requirements-numpy.txt

## The PyTorch export run by Python where PyTorch is importable (not installed here: it is large).
## TORCH_PYTHON names the Python that has it (default: python3); without it, says it skipped.
test-pytorch: build
	@py=$${TORCH_PYTHON:-python3}; \
	if $$py -c 'import torch' 2>/dev/null; then \
		PYTORCH_PYTHON=$$py node --test tests/js/python-export-torch.mjs; \
	else \
		echo "make test-pytorch: SKIPPED: $$py cannot import torch (pip install torch, or set TORCH_PYTHON)"; \
	fi

test-e2e: build dist python-env
	@scripts/require-chromium.sh
	node --test --test-concurrency=1 tests/e2e/

## The notebook widget (python/) in a headless JupyterLab: installs the wheel into the pinned
## project-local .venv-notebook and runs the README's "In a notebook" cells.
test-notebook: dist
	@scripts/require-chromium.sh
	@scripts/python-venv.sh notebook python/requirements-notebook.txt
	node --test tests/notebook/

## A static site (dist/site), an npm package (dist/*.tgz) with the custom element and the
## notebook widget's wheel (dist/*.whl).
dist: build
	scripts/dist.sh

## Speed: wasm (Node), the baseline wasm of commit 146a3fc (built once into target/bench-baseline),
## native and plain JS in interleaved rounds, GFLOP/s against a measured SIMD peak, the page in
## headless Chromium, and issue 17's targets met or not. BENCH_ARGS: e.g. --no-browser --rounds=5.
bench: build
	cargo build --profile native --example bench
	bench/baseline.sh
	node bench/run.mjs $(BENCH_ARGS)

## Fuzzes the link, model and CSV parsers in turn, FUZZ_SECONDS each (cargo-fuzz, libFuzzer,
## one job); a crash, timeout or out-of-memory input is saved in fuzz/artifacts/<target>/ and stops
## the run. Seeds are fuzz/corpus/<target>/seed-*; what libFuzzer adds there stays untracked.
FUZZ_SECONDS ?= 200
FUZZ_MAX_LEN ?= 16384
FUZZ_TARGETS ?= link model csv
fuzz:
	@# --locked reproduces cargo-fuzz's own lock file; if the registry mirror lacks a version it
	@# names, let cargo pick the newest compatible ones instead.
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked || cargo install cargo-fuzz
	@# cargo-fuzz needs nightly's -Z flags; without a nightly toolchain, stable takes them under
	@# RUSTC_BOOTSTRAP=1.
	@if rustup toolchain list | grep -q '^nightly'; then toolchain=+nightly; \
	else toolchain=; export RUSTC_BOOTSTRAP=1; fi; \
	for target in $(FUZZ_TARGETS); do \
		cargo $$toolchain fuzz run $$target -- -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=2048 -max_len=$(FUZZ_MAX_LEN) -timeout=10 -print_final_stats=1 \
			|| exit 1; \
	done

clean:
	cargo clean
	rm -rf www/pkg node_modules dist .venv .venv-*
