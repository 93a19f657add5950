#!/usr/bin/env bash
# Builds the release package: the wasm app, then one `logbook` executable with the app
# compiled in (preset `release`), packaged by CPack as build/release/
# logbook-VERSION-linux-x86_64.tar.gz and .deb, each with a .sha256, and SHA256SUMS.
# Then runs the package's end-to-end test (tests/package/e2e.sh) on the packaged binary.
#
#   scripts/release.sh [OWNER/REPO]    (default: logbook-docs/logbook; the workflow that
#                                       `logbook init` writes uses OWNER/REPO's action)
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
jobs=$(nproc 2>/dev/null || echo 2)
repository=${1:-logbook-docs/logbook}

[ -f build/wasm/CMakeCache.txt ] || cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"
cmake --preset release -DLOGBOOK_GITHUB_REPOSITORY="$repository" >/dev/null
cmake --build --preset release -j "$jobs"
rm -f build/release/logbook-*.tar.gz* build/release/logbook-*.deb*
cpack --preset release

cd build/release
sha256sum logbook-*.tar.gz logbook-*.deb >SHA256SUMS
cat SHA256SUMS
package=$(ls logbook-*-linux-x86_64.tar.gz)
rm -rf e2e && mkdir e2e && tar xzf "$package" -C e2e
echo "release: shared libraries the binary needs (glibc only is expected):"
ldd e2e/*/bin/logbook
bash ../../tests/package/e2e.sh "$PWD/$(ls -d e2e/*/bin/logbook)" --expect-app
