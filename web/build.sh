#!/usr/bin/env bash
# Builds the web edition into web/dist: index.html, the JS glue and the .wasm, a static site any
# host can serve. Needs the wasm32-unknown-unknown target and wasm-bindgen-cli at exactly the
# version of the wasm-bindgen crate in Cargo.lock; both are installed when missing (from rustup and
# crates.io), and nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

target=wasm32-unknown-unknown
profile=${OPTISCAPE_WEB_PROFILE:-web}
out=web/dist

rustup target list --installed 2>/dev/null | grep -qx "$target" || rustup target add "$target"

version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$version" ]; then
  echo "web/build.sh: Cargo.lock names no wasm-bindgen version" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$version" ]; then
  # A registry mirror may lack a version the tool's own lock file names: then the newest
  # compatible versions are taken.
  cargo install --locked wasm-bindgen-cli --version "$version" ||
    cargo install wasm-bindgen-cli --version "$version"
fi

cargo build --locked --profile "$profile" --target "$target" --bin optiscape
dir=target/$target/$profile
[ "$profile" = dev ] && dir=target/$target/debug

rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$out" --out-name optiscape "$dir/optiscape.wasm"
cp web/index.html "$out/index.html"

wasm=$out/optiscape_bg.wasm
echo "web/build.sh: $out is ready; $wasm is $(stat -c %s "$wasm") bytes, $(gzip -9 -c "$wasm" | wc -c) gzip-compressed"
