# Two commands set up everything on a fresh machine: `make run` and `make test`.
# Every tool the build needs is installed here, once, and skipped when already present.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run
MAKEFLAGS += --no-print-directory

# Each checkout builds into its own target/. A target folder shared between checkouts once
# paired one checkout's server with another's wasm: server-function URLs carry a hash of the
# source folder's path, and cargo, finding its own fingerprints fresh, did not notice that the
# other checkout had overwritten the shared artifacts.
export CARGO_TARGET_DIR ?= $(CURDIR)/target
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

RUST_VERSION := 1.95.0
CARGO_LEPTOS_VERSION := 0.3.10
# The wasm-bindgen CLI must be exactly the library version in Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)

BIN := $(CARGO_TARGET_DIR)/release/wenming
SITE_ROOT := $(CURDIR)/target/site
CONTENT ?= content
ADDR ?= 127.0.0.1:3000

.PHONY: run dev test setup toolchain cargo-leptos wasm-bindgen node-tools chromium covers build \
        fmt-check clippy unit-test check-content end2end bench bench-tools lighthouse clean

## run: build the release site and serve the demo content at http://127.0.0.1:3000
run: build
	"$(BIN)" serve --content "$(CONTENT)" --site-root "$(SITE_ROOT)" --addr "$(ADDR)"

## dev: rebuild and reload on every change (content edits need no rebuild)
dev: setup
	cargo leptos watch

## test: formatting, lints (server and browser builds), unit and integration tests,
## a release build, a content check, and the browser tests against the release server
test: setup chromium fmt-check clippy unit-test build check-content end2end

setup: toolchain cargo-leptos wasm-bindgen node-tools covers

# Idempotent: adds whatever of the pinned toolchain, its components and the wasm target is missing.
toolchain:
	@rustup toolchain install $(RUST_VERSION) --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown 2>&1 | grep -v "unchanged" || true

cargo-leptos:
	@cargo leptos --version 2>/dev/null | grep -qx "cargo-leptos $(CARGO_LEPTOS_VERSION)" \
	  || { echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 25 minutes on 2 cores, once)"; \
	       cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION); }

# Not --locked: that fails on a yanked dependency of the CLI (shared/TOOLCHAIN.md).
wasm-bindgen:
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

node-tools: tools/node_modules/.package-lock.json end2end/node_modules/.package-lock.json

tools/node_modules/.package-lock.json: tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund

end2end/node_modules/.package-lock.json: end2end/package.json end2end/package-lock.json
	cd end2end && npm ci --no-audit --no-fund

# Debian's Chromium: no tool may download a browser of its own here.
chromium:
	@command -v chromium >/dev/null \
	  || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; }

# The demo site's cover images are drawn by a script, not downloaded.
covers:
	@python3 scripts/make-covers.py > /dev/null

# --precompress writes .br and .gz beside every bundle file, which the server sends as they are.
build: setup
	cargo leptos build --release --precompress

fmt-check: toolchain
	cargo fmt --all --check

clippy: toolchain
	cargo clippy -p server -p app -p store -p views -p desk --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# The frontend crate is only the wasm entry point; building it for the host would merge
# the browser and server features of the app crate.
unit-test: toolchain covers
	cargo test --workspace --exclude frontend

check-content: build
	"$(BIN)" check "$(CONTENT)"

end2end: build chromium node-tools
	cd end2end && WENMING_BIN="$(BIN)" WENMING_SITE_ROOT="$(SITE_ROOT)" WENMING_CONTENT="$(CURDIR)/$(CONTENT)" npx playwright test

## bench: load figures on this machine (see docs/benchmarks.md): the view endpoint (fails
## below 20,000 views/s; BENCH_DURATION sets its load), then pages beside nginx on 100,000
## generated articles (BENCH_SECONDS per page and server, in BENCH_ROUNDS alternating rounds)
bench: build bench-tools
	scripts/bench/views.sh "$(BIN)" "$(SITE_ROOT)" "$(CONTENT)"
	scripts/bench/pages.sh "$(BIN)" "$(SITE_ROOT)"

## lighthouse: Lighthouse's mobile run on an article page of the demo site (see docs/benchmarks.md)
lighthouse: build chromium
	scripts/bench/lighthouse.sh "$(BIN)" "$(SITE_ROOT)" "$(CONTENT)"

# wrk drives the load; taskset pins the server and wrk to a core each.
bench-tools:
	@for tool in wrk curl bc taskset nginx brotli; do command -v $$tool >/dev/null || missing="$${missing:-} $$tool"; done; \
	  [[ -z "$${missing:-}" ]] || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk curl bc util-linux nginx-light brotli; }

clean:
	cargo clean
	rm -rf target/site end2end/test-results end2end/playwright-report
