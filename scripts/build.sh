#!/usr/bin/env bash
# Builds the unpacked extension into dist/: the core compiled to wasm and
# bound with wasm-bindgen, shrunk with wasm-opt, the content script bundled
# with esbuild, and the static files copied.
set -euo pipefail
cd "$(dirname "$0")/.."

# Two builds of the core: the service worker's (pkg/), loaded wherever there
# are posts, and the extension pages' (pkg-pages/: options, reports), which
# adds the reply library's editing, imports and signature checks, and the
# history's reports, exports and imports (feature `pages`). The worker
# never edits or reports, so it does not carry that code.
rm -rf dist
mkdir -p dist/packs
# Each build has its own target directory: switching features in one would
# rebuild the crate every time.
wasm_package() { # out-dir target-dir cargo-args...
  local out=$1 target=$2
  shift 2
  cargo build --lib --profile wasm --target wasm32-unknown-unknown --target-dir "$target" "$@"
  wasm-bindgen --target web --no-typescript --out-dir "dist/$out" --out-name firstline \
    --remove-name-section --remove-producers-section "$target/wasm32-unknown-unknown/wasm/firstline.wasm"
  node_modules/.bin/wasm-opt -O3 --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-simd \
    --strip-debug --strip-producers "dist/$out/firstline_bg.wasm" -o "dist/$out/firstline_bg.wasm"
}
wasm_package pkg target
wasm_package pkg-pages target/pages --features pages

node_modules/.bin/esbuild extension/content/main.js --bundle --format=iife --target=chrome116 \
  --legal-comments=none --log-level=warning --outfile=dist/content.js

cp manifest.json extension/background.js extension/library.js extension/timers.js extension/history.js dist/
cp extension/pages/*.html extension/pages/*.css dist/
for page in popup options sidepanel reports tonelab; do
  node_modules/.bin/esbuild extension/pages/$page.js --bundle --format=esm --target=chrome116 \
    --legal-comments=none --log-level=warning --external:./pkg/firstline.js --external:./pkg-pages/firstline.js \
    --outfile=dist/$page.js
done
cp -r extension/_locales extension/icons dist/
cp packs/*.json dist/packs/

for out in pkg pkg-pages; do
  wasm_bytes=$(wc -c < "dist/$out/firstline_bg.wasm")
  wasm_gz=$(gzip -9 -c "dist/$out/firstline_bg.wasm" | wc -c)
  printf 'build: dist/%s wasm %d KB, %d KB gzipped\n' "$out" $((wasm_bytes / 1024)) $((wasm_gz / 1024))
done
