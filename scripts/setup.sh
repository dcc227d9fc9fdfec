#!/usr/bin/env bash
# Installs what building and testing firstline needs, skipping what is there:
# the wasm target, wasm-bindgen-cli matching Cargo.lock, the npm tools
# (esbuild, binaryen's wasm-opt, playwright-core) and Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the crate exactly (wasm-bindgen's schema changes between
# versions). `--locked` fails here (TOOLCHAIN.md), so it is left out.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none}; takes a few minutes once)"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools"
  npm ci --no-audit --no-fund
fi

# Debian's Chromium, openssl (the fixture sites' self-signed certificate), and
# a font for Chinese posts (screenshots otherwise show boxes; layout and tests
# do not depend on it).
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium chromium-driver)
command -v openssl >/dev/null || apt_packages+=(openssl)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || apt_packages+=(fonts-wqy-microhei)
if [ ${#apt_packages[@]} -gt 0 ]; then
  say "installing ${apt_packages[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi
