#!/usr/bin/env bash
# Builds Logbook both ways: the wasm app (preset `wasm`) and the native command and
# tests (preset `native`). Used by scripts/serve and scripts/test.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
jobs=$(nproc 2>/dev/null || echo 2)
[ -f build/wasm/CMakeCache.txt ] || cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"
[ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
cmake --build --preset native -j "$jobs"
