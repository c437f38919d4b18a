# Rapport: every task is one make target. Installs are pinned and idempotent:
# each tool is installed only when the exact version is missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION        := 0.21.14
WASM_BINDGEN_VERSION := 0.2.130
CARGO_BIN            := $(HOME)/.cargo/bin

# The npm wasm-opt (binaryen 132) must win over any older system copy.
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
# trunk must never try to download a tool.
export TRUNK_OFFLINE := true
export CHROMEDRIVER := /usr/bin/chromedriver
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT ?= 90
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

WASM := --target wasm32-unknown-unknown

.PHONY: help tools browser-tools serve test dist size bench check lint host-test wasm-test e2e engines fmt fuzz clean

help:
	@echo "make serve   build and serve the app at http://127.0.0.1:8080"
	@echo "make test    install test tools, then run every check and test"
	@echo "make dist    build the static site into dist/"
	@echo "make engines the core journey in Firefox ESR and WebKitGTK"
	@echo "make size    the gzipped bundle and where the wasm's bytes go"
	@echo "make bench   measure in headless Chromium and write BENCHMARKS.md"
	@echo "make audit   Lighthouse scores of dist/, written to AUDIT.md"
	@echo "make fuzz    run the parsers' property tests for longer"
	@echo "make samples run the importers over real exports in SAMPLES=<folder>"

# ---------------------------------------------------------------- installs

tools: node_modules/.installed
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then \
	  echo "installing trunk $(TRUNK_VERSION) (about 14 minutes on 2 cores)"; \
	  cargo install --locked trunk --version $(TRUNK_VERSION); \
	fi
	@# --locked fails for this crate: its lockfile wants a version the registry lacks.
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 5 minutes)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

browser-tools:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  echo "installing Chromium and chromedriver from Debian"; \
	  apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi
	@# The cross-engine journey (make engines): Firefox ESR, WebKitGTK's WebDriver
	@# with its MiniBrowser, Xvfb for MiniBrowser's window, and the locale data
	@# for the en_US.UTF-8 locale it runs in.
	@if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || [ ! -x /usr/bin/Xvfb ] \
	  || [ ! -f /usr/share/i18n/locales/en_US ]; then \
	  echo "installing Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian"; \
	  apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    firefox-esr webkit2gtk-driver xvfb locales; \
	fi

# ---------------------------------------------------------------- app

serve: tools
	trunk serve --address 127.0.0.1 --port 8080

dist: tools
	trunk build --release
	@# name.br and name.gz beside each text and wasm file, for hosts that serve them.
	@node tools/compress.mjs dist
	@node tools/bundle-size.mjs dist

# The gzipped bundle (printed by dist), then the wasm's code by crate and by
# module of ours, read from the name section of cargo's unstripped output.
size: dist
	@node tools/wasm-breakdown.mjs target/wasm32-unknown-unknown/release/rapport.wasm

# ---------------------------------------------------------------- checks

fmt:
	cargo fmt

lint: tools
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets $(WASM) -- -D warnings

host-test:
	cargo test

wasm-test: tools browser-tools
	cargo test $(WASM)

e2e: tools browser-tools dist
	npx playwright test -c tests/e2e/playwright.config.mjs
	node tests/bench/run.mjs --smoke

# The core journey in Firefox ESR and WebKitGTK (Safari's engine): see tests/engines/.
engines: tools browser-tools dist
	node tests/engines/run.mjs
	@# Once more with WebKit in the POSIX locale, where it reports "C" as the
	@# reader's language, which Intl refuses: the app must still start.
	ENGINES_WEBKIT_LOCALE=C node tests/engines/run.mjs

test: tools browser-tools
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory host-test
	$(MAKE) --no-print-directory wasm-test
	@# One make run for both, so dist/ is built once.
	$(MAKE) --no-print-directory e2e engines

bench: tools browser-tools dist
	node tests/bench/run.mjs
	@# Lighthouse scores go to AUDIT.md; a miss is reported there, not fatal here.
	node tools/audit.mjs || echo "audit: a score is below its target; see AUDIT.md"

# The parsers' never-panic property tests, run for much longer than in make test.
fuzz:
	RAPPORT_FUZZ_CASES=20000 cargo test --release --test 'backup_*'

clean:
	cargo clean
	rm -rf dist test-results

# ---------------------------------------------------------------- audit

.PHONY: audit
# Lighthouse (mobile) against the built dist/: prints the scores and writes
# AUDIT.md; fails when performance < 95 or best practices < 100.
audit: tools browser-tools dist
	node tools/audit.mjs

# ---------------------------------------------------------------- samples

.PHONY: samples
# Real contact exports kept outside the repository; not part of make test.
SAMPLES ?= ../shared/fixtures
# The importers over every .vcf and .csv file in $(SAMPLES), named to the
# tests at run time through RAPPORT_SAMPLES; skipped when the folder is missing.
samples:
	@if [ -d "$(SAMPLES)" ]; then \
	  RAPPORT_SAMPLES="$(abspath $(SAMPLES))" \
	    cargo test --test backup_vcard --test backup_csv real_samples -- --nocapture; \
	else \
	  echo "samples: no folder $(SAMPLES); skipped (make samples SAMPLES=path/to/exports)"; \
	fi
