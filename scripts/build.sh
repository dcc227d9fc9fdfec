#!/usr/bin/env bash
# Builds the unpacked extension into dist/: the core compiled to wasm and
# bound with wasm-bindgen, shrunk with wasm-opt, the content script bundled
# with esbuild, and the static files copied.
set -euo pipefail
cd "$(dirname "$0")/.."

target=target/wasm32-unknown-unknown/wasm/firstline.wasm
cargo build --lib --profile wasm --target wasm32-unknown-unknown

rm -rf dist
mkdir -p dist/pkg dist/packs
wasm-bindgen --target web --no-typescript --out-dir dist/pkg --out-name firstline \
  --remove-name-section --remove-producers-section "$target"
node_modules/.bin/wasm-opt -O3 --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-simd \
  --strip-debug --strip-producers dist/pkg/firstline_bg.wasm -o dist/pkg/firstline_bg.wasm

node_modules/.bin/esbuild extension/content/main.js --bundle --format=iife --target=chrome116 \
  --legal-comments=none --log-level=warning --outfile=dist/content.js

cp manifest.json extension/background.js dist/
cp extension/pages/*.html extension/pages/*.css dist/
for page in popup options; do
  node_modules/.bin/esbuild extension/pages/$page.js --bundle --format=esm --target=chrome116 \
    --legal-comments=none --log-level=warning --external:./pkg/firstline.js --outfile=dist/$page.js
done
cp -r extension/_locales extension/icons dist/
cp packs/*.json dist/packs/

wasm_bytes=$(wc -c < dist/pkg/firstline_bg.wasm)
wasm_gz=$(gzip -9 -c dist/pkg/firstline_bg.wasm | wc -c)
printf 'build: dist/ ready (wasm %d KB, %d KB gzipped)\n' $((wasm_bytes / 1024)) $((wasm_gz / 1024))
