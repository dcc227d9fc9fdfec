# firstline — every task a developer or CI runs. `make demo` and `make test`
# set up a fresh machine themselves (scripts/setup.sh skips what is there).

.PHONY: setup build dist demo test check-rust test-rust test-e2e bench train eval clean

setup:
	@./scripts/setup.sh

# The unpacked extension in dist/ (load it at chrome://extensions).
build: setup
	@./scripts/build.sh

# A zip of dist/ for the Chrome Web Store or sharing.
dist: build
	@python3 -c "import pathlib, zipfile; root = pathlib.Path('dist'); \
	z = zipfile.ZipFile('firstline.zip', 'w', zipfile.ZIP_DEFLATED); \
	[z.write(f, f.relative_to(root)) for f in sorted(root.rglob('*')) if f.is_file()]; z.close()"
	@echo "dist: firstline.zip"

# Opens Chromium with the extension on the demo feed (headless without a
# display: writes screenshots and prints their paths).
demo: build
	@node demo/run.mjs

# Every test, unit to browser.
test: setup check-rust test-rust build test-e2e

check-rust:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

test-rust:
	cargo test

# The extension's JS: pure parts under Node, then the browser suites in
# parallel, one Chromium each.
test-e2e:
	node --test tests/unit/
	node demo/check.mjs
	node --test --test-concurrency=2 tests/e2e/

# Criterion benchmarks of the core, then the in-browser benchmarks (the
# overlay and picker; a 10,000-template pack import), then the heap-snapshot
# diff over 10,000 scrolled posts.
bench: build
	cargo bench --bench core
	node benches/browser.mjs
	node benches/import.mjs
	node benches/ticks.mjs
	node benches/tone.mjs
	node benches/heap-diff.mjs

# Retrains the models from ../shared/data (deterministic): the language
# model first, since the triage model uses the detected language, and the
# tone score's politeness weights last, since they read the triage model.
train:
	cargo run --release --example train -- langid
	cargo run --release --example train -- triage
	cargo run --release --example train -- tone

# Scores the triage classifier and the tone check on the datasets' validation
# splits (Markdown table).
eval:
	cargo run --release --example eval

clean:
	rm -rf dist target/demo firstline.zip
