#!/usr/bin/env bash
# The action's fallback (action.yml) when its version has no release to download: builds
# the release package from the action's own sources in a debian:bookworm container, as
# the release workflow does, and keeps the binary in LOGBOOK_SOURCE_BUILD, which the
# action caches by version. A cached binary is used as it is.
set -euo pipefail
build=${LOGBOOK_SOURCE_BUILD:?the action sets LOGBOOK_SOURCE_BUILD}
source=${LOGBOOK_ACTION_PATH:?the action sets LOGBOOK_ACTION_PATH}
if [ -x "$build/logbook" ]; then
  echo "Logbook built from source, from the cache."
  exit 0
fi
mkdir -p "$build"
echo "Building Logbook from source in debian:bookworm (about 15 minutes; cached afterwards)."
docker run --rm -v "$source:/source:ro" -v "$build:/out" debian:bookworm bash -euo pipefail -c '
  apt-get update -qq && apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null
  cp -r /source /logbook && cd /logbook && rm -rf build
  scripts/bootstrap.sh --build-only
  scripts/release.sh
  cp build/release/e2e/*/bin/logbook /out/logbook'
"$build/logbook" --help >/dev/null
